package io.ctsync.sink.error;

import io.ctsync.contract.sink.DeadLetterHeaders;
import io.ctsync.sink.dialect.SqlStates;
import io.ctsync.sink.failure.RecordFailure;
import java.sql.SQLException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A record that cannot be applied, with why ({@link RecordFailure}) and at which stage ({@link DeadLetterHeaders}
 * {@code STAGE_*}).
 */
public record DeadLetter(SinkRecord record, RecordFailure failure, String stage) {

    /**
     * The record as it goes to the dead-letter topic: the record the sink received, under its original topic, partition
     * and offset, with its headers and the {@link DeadLetterHeaders}. It must be a new record: for a record Connect
     * handed over, its errant record reporter writes the original consumer record, whose headers cannot be added to.
     */
    public SinkRecord withReason() {
        ConnectHeaders headers = new ConnectHeaders();
        record.headers().forEach(headers::add);
        headers.addString(DeadLetterHeaders.STAGE, stage);
        Throwable root = rootCause();
        headers.addString(DeadLetterHeaders.CLASS, root.getClass().getName());
        if (root instanceof SQLException sql) {
            String state = SqlStates.state(sql);
            if (state != null) {
                headers.addString(DeadLetterHeaders.SQLSTATE, state);
            }
            if (sql.getErrorCode() != 0) {
                headers.addString(DeadLetterHeaders.VENDOR_CODE, Integer.toString(sql.getErrorCode()));
            }
        }
        headers.addString(DeadLetterHeaders.MESSAGE, failure.getMessage());
        if (failure.table() != null) {
            headers.addString(DeadLetterHeaders.TABLE, failure.table().toString());
        }
        if (failure.column() != null) {
            headers.addString(DeadLetterHeaders.COLUMN, failure.column());
        }
        return new SinkRecord(record.originalTopic(), record.originalKafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), record.value(), record.originalKafkaOffset(), record.timestamp(), record.timestampType(),
                headers);
    }

    /** The database's failure when there is one (its class says most), else the deepest cause. */
    private Throwable rootCause() {
        Throwable deepest = failure;
        for (Throwable t = failure.getCause(); t != null && t != deepest; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql instanceof io.ctsync.sink.row.FailedRow row ? row.failure() : sql;
            }
            deepest = t;
        }
        return deepest;
    }
}
