package io.ctsync.source.anchor;

import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the anchors Connect committed for a task's tables when the task starts. */
public final class StoredAnchors {

    private static final Logger LOG = LoggerFactory.getLogger(StoredAnchors.class);

    /**
     * Where a task's tables start.
     *
     * @param anchors     the committed anchor of each table that has one and keeps it; a table without one starts as
     *                    {@code snapshot.mode} says
     * @param resnapshots tables whose committed offset was written under another row filter (or none): their anchor is
     *                    dropped and they are snapshotted again, whatever {@code snapshot.mode} says
     */
    public record Start(Map<TableId, TableAnchor> anchors, Set<TableId> resnapshots) {
    }

    private StoredAnchors() {
    }

    /** The committed offsets of {@code tables}, compared with each table's row filter now. */
    public static Start read(OffsetStorageReader reader, TablePartitions partitions, List<TableId> tables,
                             Function<TableId, Optional<RowFilter>> filters) {
        return fromOffsets(committed(reader, partitions, tables), filters);
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

    /**
     * The start of each table from its committed offset. An offset carries the fingerprint of the row filter it was
     * written under ({@link TableAnchor#ROW_FILTER}); when it differs from the table's filter now (added, changed or
     * removed), the rows the target holds were chosen by another filter: the table is snapshotted again, and the
     * snapshot markers around it let the sink delete the rows the new snapshot did not bring.
     */
    public static Start fromOffsets(Map<TableId, ? extends Map<String, ?>> offsets,
                                    Function<TableId, Optional<RowFilter>> filters) {
        Map<TableId, TableAnchor> anchors = new HashMap<>();
        Set<TableId> resnapshots = new HashSet<>();
        offsets.forEach((table, offset) -> {
            TableAnchor anchor = TableAnchor.fromMap(offset);
            Optional<String> stored = TableAnchor.rowFilter(offset);
            Optional<String> now = filters.apply(table).map(RowFilter::fingerprint);
            if (stored.equals(now)) {
                LOG.info("Table {} resumes from its anchor {}", table, offset);
                anchors.put(table, anchor);
            } else {
                LOG.info("Row filter of table {} {} since its anchor {} was written (fingerprint {} now {}): the table "
                        + "is snapshotted again", table, stored.isEmpty() ? "added" : now.isEmpty() ? "removed" : "changed",
                        offset, stored.orElse("none"), now.orElse("none"));
                resnapshots.add(table);
            }
        });
        return new Start(anchors, resnapshots);
    }
}
