package io.ctsync.source.schema;

import io.ctsync.contract.event.ChangeEnvelope;
import io.ctsync.contract.event.ChangeEventSchemas;
import io.ctsync.contract.event.ChangeTopics;
import io.ctsync.contract.event.SchemaNames;
import io.ctsync.source.anchor.TablePartitions;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** Builds {@link TableSchema}s for the tables of one database with the connector's naming and type options. */
public final class TableSchemaFactory {

    private final String topicPrefix;
    private final String database;
    private final TablePartitions partitions;
    private final SqlServerTypeMapper mapper;
    private final List<Pattern> columnExcludes;

    public TableSchemaFactory(SourceConnectorConfig config, String database) {
        this.topicPrefix = config.topicPrefix();
        this.database = database;
        this.partitions = new TablePartitions(topicPrefix, database);
        this.mapper = new SqlServerTypeMapper(config.decimalHandlingMode(), config.timePrecisionMode(),
                config.binaryHandlingMode());
        this.columnExcludes = config.columnExcludes();
    }

    /** The schema of a table as the catalog describes it now; fails naming table and column on an unusable column. */
    public TableSchema build(TableMetadata fullMetadata) {
        TableMetadata metadata = fullMetadata.without(excludedColumns(fullMetadata));
        String base = SchemaNames.forTable(topicPrefix, database, metadata.id().schema(), metadata.id().table());

        SchemaBuilder key = SchemaBuilder.struct().name(SchemaNames.key(base));
        SchemaBuilder row = SchemaBuilder.struct().name(SchemaNames.value(base)).optional();
        List<ColumnMapping> mappings = new ArrayList<>();
        for (Column column : metadata.columns()) {
            ColumnMapping mapping = mapper.map(metadata.id(), column);
            mappings.add(mapping);
            row.field(column.name(), column.isKey() ? mapping.schema() : optional(mapping.schema()));
        }
        for (Column column : metadata.keyColumns()) {
            key.field(column.name(), mappings.get(metadata.columns().indexOf(column)).schema());
        }
        Schema rowSchema = row.build();
        String topic = ChangeTopics.forTable(topicPrefix, database, metadata.id().schema(), metadata.id().table());
        return new TableSchema(fullMetadata.fingerprint(), metadata, partitions.of(metadata.id()), topic, key.build(), rowSchema,
                new ChangeEnvelope(ChangeEventSchemas.envelope(base, rowSchema)), mappings);
    }

    private Set<String> excludedColumns(TableMetadata metadata) {
        Set<String> excluded = metadata.columns().stream()
                .filter(c -> columnExcludes.stream().anyMatch(p -> p.matcher(metadata.id().qualified() + "." + c.name()).matches()))
                .map(Column::name).collect(Collectors.toSet());
        List<String> keys = metadata.keyColumns().stream().map(Column::name).filter(excluded::contains).toList();
        if (!keys.isEmpty()) {
            throw new ConfigException(SourceConnectorConfig.COLUMN_EXCLUDE_LIST, String.join(",", keys),
                    "excludes primary-key column(s) " + keys + " of " + metadata.id().qualified()
                            + "; key columns identify the row in every event and cannot be excluded");
        }
        return excluded;
    }

    private static Schema optional(Schema schema) {
        SchemaBuilder builder = new SchemaBuilder(schema.type()).optional();
        if (schema.name() != null) {
            builder.name(schema.name());
        }
        if (schema.version() != null) {
            builder.version(schema.version());
        }
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        return builder.build();
    }
}
