package io.ctsync.sink.failure;

import io.ctsync.sink.schema.TableId;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The target (or the configuration) cannot take the records at all: a missing table or column with schema evolution
 * off, a primary key that does not match the record key, no permission. It fails the task with a message naming the
 * table, column and the record that met it; it is never dead-lettered (every following record would meet it too).
 */
public class StructuralFailure extends ConnectException {

    private static final long serialVersionUID = 1L;

    public StructuralFailure(SinkRecord record, TableId table, String column, String reason, Throwable cause) {
        super((record == null ? "Table " + table : RecordFailure.describe(record, table, column)) + ": " + reason, cause);
    }
}
