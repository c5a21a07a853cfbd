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
        Map<Map<String, Object>, TableId> byPartition = new HashMap<>();
        for (TableId table : tables) {
            byPartition.put(partitions.of(table).toMap(), table);
        }
        Map<Map<String, Object>, Map<String, Object>> offsets = reader.offsets(byPartition.keySet());
        Map<TableId, TableAnchor> anchors = new HashMap<>();
        byPartition.forEach((partition, table) -> {
            Map<String, Object> offset = offsets == null ? null : offsets.get(partition);
            if (offset != null) {
                TableAnchor anchor = TableAnchor.fromMap(offset);
                LOG.info("Table {} resumes from its anchor {}", table, offset);
                anchors.put(table, anchor);
            }
        });
        return anchors;
    }
}
