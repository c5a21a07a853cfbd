package io.ctsync.contract.event;

import java.util.List;
import org.apache.kafka.connect.data.Struct;

/**
 * The {@code source} block of one change event, typed. {@code creationVersion}, {@code changedColumns} and
 * {@code context} may be null (not tracked, or not known for this change).
 */
public record SourceBlock(
        String connectorVersion,
        String topicPrefix,
        long tsMs,
        SnapshotMarker snapshot,
        String database,
        String schema,
        String table,
        long changeVersion,
        Long creationVersion,
        List<String> changedColumns,
        String context) {

    public SourceBlock {
        changedColumns = changedColumns == null ? null : List.copyOf(changedColumns);
    }

    public Struct toStruct() {
        return new Struct(ChangeEventSchemas.source())
                .put(SourceFields.VERSION, connectorVersion)
                .put(SourceFields.CONNECTOR, SourceFields.CONNECTOR_NAME)
                .put(SourceFields.NAME, topicPrefix)
                .put(SourceFields.TS_MS, tsMs)
                .put(SourceFields.SNAPSHOT, snapshot.value())
                .put(SourceFields.DB, database)
                .put(SourceFields.SCHEMA, schema)
                .put(SourceFields.TABLE, table)
                .put(SourceFields.CHANGE_VERSION, changeVersion)
                .put(SourceFields.CREATION_VERSION, creationVersion)
                .put(SourceFields.CHANGED_COLUMNS, changedColumns)
                .put(SourceFields.CONTEXT, context);
    }
}
