package io.ctsync.source.marker;

import io.ctsync.contract.CtsyncVersion;
import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.contract.event.SnapshotMarker;
import io.ctsync.contract.event.SourceBlock;
import io.ctsync.contract.offset.TablePartition;
import io.ctsync.source.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The records that mark where a table's snapshot begins and ends: one per partition of the table's topic, each sent
 * to its partition explicitly, each carrying the snapshot's anchor version V0, its id and the partition count (see
 * {@link SnapshotControl}). They carry the table's anchor as their offset, so the end markers, which carry the
 * incremental anchor V0, commit it only once Kafka acknowledged all of them: a task that dies before writes them again.
 *
 * <p>A marker's value is the table's own envelope (the schema of its change events) and it has no key: a schema
 * registry sees no schema but the table's, whatever its subject strategy and compatibility rule. No key means the
 * producer would pick the partition, which is why every marker names its partition.
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
            Struct value = table.envelope().control(marker, sourceBlock(source, snapshotVersion, nowMs));
            records.add(new SourceRecord(source.toMap(), offset, table.topic(), partition, null, null, value.schema(), value,
                    nowMs, headers));
        }
        return records;
    }

    /** The source block of a marker: part of the snapshot, its change version V0. */
    private static SourceBlock sourceBlock(TablePartition source, long snapshotVersion, long nowMs) {
        return new SourceBlock(CtsyncVersion.get(), source.server(), nowMs, SnapshotMarker.TRUE, source.database(),
                source.schema(), source.table(), snapshotVersion, null, null, null);
    }

    @Override
    public void close() {
        partitions.close();
    }
}
