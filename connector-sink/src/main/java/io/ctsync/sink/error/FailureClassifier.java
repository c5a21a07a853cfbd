package io.ctsync.sink.error;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.failure.RecordFailure;
import io.ctsync.sink.failure.StructuralFailure;
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
            // Kafka (the dead-letter and conflict topics): timeouts, leader changes, unavailable brokers.
            if (t instanceof IOException || t instanceof org.apache.kafka.common.errors.RetriableException) {
                return FailureKind.TRANSIENT;
            }
        }
        return FailureKind.STRUCTURAL;
    }

    /**
     * True when the database refused a row for a foreign key: a child before its parent, or a parent before its
     * children's deletes. Such a record is parked and retried, not dead-lettered at once.
     */
    public boolean isForeignKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return dialect.isForeignKeyViolation(sql);
            }
        }
        return false;
    }
}
