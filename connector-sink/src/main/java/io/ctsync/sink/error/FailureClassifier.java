package io.ctsync.sink.error;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.offset.OffsetsFencedException;
import java.io.IOException;
import java.sql.SQLException;

/** The one place that decides what a failure is: transient, record-level or structural. */
public final class FailureClassifier {

    private final Dialect dialect;

    public FailureClassifier(Dialect dialect) {
        this.dialect = dialect;
    }

    public FailureKind classify(Throwable failure) {
        if (failure instanceof RecordFailure) {
            return FailureKind.RECORD;
        }
        if (failure instanceof StructuralFailure) {
            return FailureKind.STRUCTURAL;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OffsetsFencedException) {
                return FailureKind.TRANSIENT;
            }
            if (t instanceof SQLException sql) {
                return dialect.classify(sql);
            }
            if (t instanceof IOException) {
                return FailureKind.TRANSIENT;
            }
        }
        return FailureKind.STRUCTURAL;
    }
}
