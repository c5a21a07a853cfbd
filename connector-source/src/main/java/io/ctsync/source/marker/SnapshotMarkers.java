package io.ctsync.source.marker;

import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.contract.offset.TablePartition;
import io.ctsync.source.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The records that mark where a table's snapshot begins and ends: one per partition of the table's topic, each sent
 * to its partition explicitly, each carrying the snapshot's anchor version V0, its id and the partition count (see
 * {@link SnapshotControl}). They carry the table's anchor as their offset, so the end markers, which carry the
 * incremental anchor V0, commit it only once Kafka acknowledged all of them: a task that dies before writes them again.
 */
public final class SnapshotMarkers implements AutoCloseable {

    private final MarkerPartitions partitions;

    public SnapshotMarkers(MarkerPartitions partitions) {
        this.partitions = partitions;
    }

    public List<SourceRecord> begin(TableSchema table, long snapshotVersion, Map<String, ?> offset, long nowMs) {
        return markers(SnapshotControl.Kind.BEGIN, table, snapshotVersion, offset, nowMs);
    }

    public List<SourceRecord> end(TableSchema table, long snapshotVersion, Map<String, ?> offset, long nowMs) {
        return markers(SnapshotControl.Kind.END, table, snapshotVersion, offset, nowMs);
    }

    private List<SourceRecord> markers(SnapshotControl.Kind kind, TableSchema table, long snapshotVersion,
                                       Map<String, ?> offset, long nowMs) {
        int count = partitions.of(table.topic());
        TablePartition source = table.partition();
        List<SourceRecord> records = new ArrayList<>(count);
        for (int partition = 0; partition < count; partition++) {
            SnapshotControl marker = new SnapshotControl(kind, SnapshotControl.snapshotId(snapshotVersion), snapshotVersion,
                    partition, count, source.server(), source.database(), source.schema(), source.table(), nowMs);
            ConnectHeaders headers = new ConnectHeaders();
            headers.addString(SnapshotControl.HEADER, kind.value());
            records.add(new SourceRecord(source.toMap(), offset, table.topic(), partition, SnapshotControl.KEY_SCHEMA,
                    marker.key(), SnapshotControl.VALUE_SCHEMA, marker.value(), nowMs, headers));
        }
        return records;
    }

    @Override
    public void close() {
        partitions.close();
    }
}
