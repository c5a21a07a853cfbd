package io.ctsync.sink.reconcile;

import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.sink.schema.TableId;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A snapshot's end marker as a batch met it: the record (its topic and partition are the ones passed), the marker,
 * and the target table its rows go to.
 */
public record SnapshotEnd(SinkRecord record, SnapshotControl control, TableId target) {

    /** The topic as the source wrote it (before any topic-renaming transform). */
    public String topic() {
        return record.originalTopic();
    }
}
