package io.ctsync.source.capture;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.anchor.HeartbeatRecords;
import io.ctsync.source.anchor.TablePartitions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Adds each table's signal position ({@link TableAnchor#SIGNAL_OFFSET}) to the offsets of its records, so Connect
 * commits "this signal was considered" in the same offset as the anchor it led to (a re-snapshot's begin markers or
 * first rows). A table whose position moved without a record of its own gets a heartbeat carrying it; not while a
 * requested re-snapshot is still to start, since its anchor does not show the request yet.
 */
final class SignalStamps {

    private SignalStamps() {
    }

    static List<SourceRecord> stamp(List<SourceRecord> records, List<TableCapture> tables, TablePartitions partitions,
                                    HeartbeatRecords heartbeats, long nowMs) {
        Map<Map<String, Object>, TableCapture> byPartition = new HashMap<>();
        for (TableCapture table : tables) {
            if (table.signalPosition != null) {
                byPartition.put(partitions.of(table.id).toMap(), table);
            }
        }
        if (byPartition.isEmpty()) {
            return records;
        }
        List<SourceRecord> stamped = new ArrayList<>(records.size());
        Set<TableCapture> carried = new HashSet<>();
        for (SourceRecord record : records) {
            TableCapture table = byPartition.get(record.sourcePartition());
            if (table == null) {
                stamped.add(record);
            } else {
                stamped.add(withPosition(record, table.signalPosition));
                carried.add(table);
            }
        }
        for (TableCapture table : byPartition.values()) {
            if (!carried.contains(table) && needsHeartbeat(table)) {
                stamped.add(withPosition(heartbeats.heartbeat(partitions.of(table.id), table.position(),
                        table.offset(table.position()), nowMs),
                        table.signalPosition));
                table.anchor = table.anchor.sent(table.offset(table.position()));
                carried.add(table);
            }
        }
        carried.forEach(table -> table.signalPositionSent = table.signalPosition);
        return stamped;
    }

    private static boolean needsHeartbeat(TableCapture table) {
        boolean anchored = table.position() instanceof IncrementalAnchor || table.position() instanceof SnapshotAnchor;
        return anchored && !table.resnapshotRequested && !table.signalPosition.equals(table.signalPositionSent);
    }

    private static SourceRecord withPosition(SourceRecord record, long position) {
        return new SourceRecord(record.sourcePartition(), TableAnchor.withSignalOffset(record.sourceOffset(), position),
                record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), record.valueSchema(),
                record.value(), record.timestamp(), record.headers());
    }
}
