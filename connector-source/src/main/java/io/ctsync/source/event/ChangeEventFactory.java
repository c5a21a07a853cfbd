package io.ctsync.source.event;

import io.ctsync.contract.CtsyncVersion;
import io.ctsync.contract.event.SnapshotMarker;
import io.ctsync.contract.event.SourceBlock;
import io.ctsync.source.schema.TableSchema;
import io.ctsync.source.tracking.ChangeOperation;
import io.ctsync.source.tracking.ChangeRow;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Change events as Kafka Connect records: Debezium envelope values keyed by the primary-key struct, one topic per
 * table, the table's anchor as the source offset.
 */
public final class ChangeEventFactory {

    private final String topicPrefix;
    private final boolean tombstones;

    public ChangeEventFactory(String topicPrefix, boolean tombstones) {
        this.topicPrefix = topicPrefix;
        this.tombstones = tombstones;
    }

    /** An {@code op=r} event for a snapshot row; its change version is the snapshot's anchor V0. */
    public SourceRecord read(TableSchema table, Object[] values, long snapshotVersion, boolean last,
                             Map<String, ?> offset, long nowMs) {
        SourceBlock source = source(table, nowMs, last ? SnapshotMarker.LAST : SnapshotMarker.TRUE, snapshotVersion, null,
                null, null);
        Struct value = table.envelope().read(table.row(values), source, nowMs);
        return record(table, offset, table.key(table.keyOf(values)), value, nowMs);
    }

    /**
     * The records of one change: nothing when an insert or update finds its row gone (it was deleted after the
     * change, and that delete follows with a higher version), a delete event plus tombstone for a delete.
     * {@code sourceTsMs} is the change's {@code source.ts_ms} (read or commit time), {@code nowMs} the read time.
     */
    public List<SourceRecord> change(TableSchema table, ChangeRow change, Map<String, ?> offset, long sourceTsMs,
                                     long nowMs) {
        String context = change.context() == null ? null : HexFormat.of().formatHex(change.context());
        Struct key = table.key(change.key());
        if (change.operation() == ChangeOperation.DELETE) {
            SourceBlock source = source(table, sourceTsMs, SnapshotMarker.FALSE, change.version(), change.creationVersion(),
                    null, context);
            SourceRecord delete = record(table, offset, key, table.envelope().delete(table.keyOnlyRow(change.key()), source,
                    nowMs), nowMs);
            if (!tombstones) {
                return List.of(delete);
            }
            return List.of(delete, new SourceRecord(table.partition().toMap(), offset, table.topic(), null,
                    table.keySchema(), key, null, null, nowMs));
        }
        if (change.values() == null) {
            return List.of();
        }
        Struct after = table.row(change.values());
        if (change.operation() == ChangeOperation.INSERT) {
            SourceBlock source = source(table, sourceTsMs, SnapshotMarker.FALSE, change.version(), change.creationVersion(),
                    null, context);
            return List.of(record(table, offset, key, table.envelope().create(after, source, nowMs), nowMs));
        }
        List<String> changed = table.metadata().trackColumnsUpdated() ? table.capturedColumns(change.changedColumns()) : null;
        SourceBlock source = source(table, sourceTsMs, SnapshotMarker.FALSE, change.version(), change.creationVersion(), changed,
                context);
        return List.of(record(table, offset, key, table.envelope().update(after, source, nowMs), nowMs));
    }

    private SourceBlock source(TableSchema table, long nowMs, SnapshotMarker snapshot, long version, Long creationVersion,
                               List<String> changedColumns, String context) {
        return new SourceBlock(CtsyncVersion.get(), topicPrefix, nowMs, snapshot, table.partition().database(),
                table.partition().schema(), table.partition().table(), version, creationVersion, changedColumns,
                Optional.ofNullable(context).orElse(null));
    }

    private static SourceRecord record(TableSchema table, Map<String, ?> offset, Struct key, Struct value, long nowMs) {
        return new SourceRecord(table.partition().toMap(), offset, table.topic(), null, table.keySchema(), key,
                value.schema(), value, nowMs);
    }
}
