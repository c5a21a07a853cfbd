package io.ctsync.source.anchor;

import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.tracking.TableId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the anchors Connect committed for a task's tables when the task starts. */
public final class StoredAnchors {

    private static final Logger LOG = LoggerFactory.getLogger(StoredAnchors.class);

    private StoredAnchors() {
    }

    /** The committed anchor of each table that has one; a table without one starts as {@code snapshot.mode} says. */
    public static Map<TableId, TableAnchor> read(OffsetStorageReader reader, TablePartitions partitions,
                                                 List<TableId> tables) {
        Map<TableId, TableAnchor> anchors = new HashMap<>();
        committed(reader, partitions, tables).forEach((table, offset) -> {
            TableAnchor anchor = TableAnchor.fromMap(offset);
            LOG.info("Table {} resumes from its anchor {}", table, offset);
            anchors.put(table, anchor);
        });
        return anchors;
    }

    /** The signal position ({@link TableAnchor#SIGNAL_OFFSET}) each table's committed offset carries, if any. */
    public static Map<TableId, Long> signalPositions(OffsetStorageReader reader, TablePartitions partitions,
                                                     List<TableId> tables) {
        Map<TableId, Long> positions = new HashMap<>();
        committed(reader, partitions, tables).forEach((table, offset) ->
                TableAnchor.signalOffset(offset).ifPresent(position -> positions.put(table, position)));
        return positions;
    }

    private static Map<TableId, Map<String, Object>> committed(OffsetStorageReader reader, TablePartitions partitions,
                                                               List<TableId> tables) {
        Map<Map<String, Object>, TableId> byPartition = new HashMap<>();
        for (TableId table : tables) {
            byPartition.put(partitions.of(table).toMap(), table);
        }
        Map<Map<String, Object>, Map<String, Object>> offsets = reader.offsets(byPartition.keySet());
        Map<TableId, Map<String, Object>> committed = new HashMap<>();
        byPartition.forEach((partition, table) -> {
            Map<String, Object> offset = offsets == null ? null : offsets.get(partition);
            if (offset != null) {
                committed.put(table, offset);
            }
        });
        return committed;
    }
}
