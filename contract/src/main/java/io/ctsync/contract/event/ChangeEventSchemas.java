package io.ctsync.contract.event;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The schemas of a change event: the Debezium envelope ({@code before}, {@code after}, {@code source},
 * {@code op}, {@code ts_ms}, and ctsync's optional {@code control}) around a table's row schema, and the
 * {@code source} block with the Change Tracking fields. Envelope names end in {@code .Envelope}, which is how
 * Debezium's SMTs and sinks recognise an envelope.
 */
public final class ChangeEventSchemas {

    public static final String SOURCE_SCHEMA_NAME = "io.ctsync.connector.sqlserver.Source";
    /** Debezium's logical name for an enumerated string; consumers of Debezium events know it. */
    public static final String ENUM_SCHEMA_NAME = "io.debezium.data.Enum";

    private static final Schema SOURCE = buildSourceSchema();

    private ChangeEventSchemas() {
    }

    public static Schema source() {
        return SOURCE;
    }

    /**
     * The envelope schema for a table, named {@code <tableBaseName>.Envelope}. {@code before} and {@code after}
     * both use {@code rowSchema}, which must be an optional struct (a create has no before, a delete no after),
     * so that row values built with it fit either field. The last field, {@code control}, is null in change events
     * and carries a snapshot marker's fields in control records: markers share the table's schema, so a schema
     * registry sees no other schema on the table's subjects, whatever its subject strategy and compatibility rule
     * (an optional field with a null default is a compatible addition under every rule).
     */
    public static Schema envelope(String tableBaseName, Schema rowSchema) {
        if (rowSchema.type() != Schema.Type.STRUCT || !rowSchema.isOptional()) {
            throw new IllegalArgumentException("The row schema of an envelope must be an optional struct, but "
                    + rowSchema.name() + " is " + (rowSchema.isOptional() ? "optional " : "required ") + rowSchema.type());
        }
        return SchemaBuilder.struct()
                .name(SchemaNames.envelope(tableBaseName))
                .version(1)
                .field(EnvelopeFields.BEFORE, rowSchema)
                .field(EnvelopeFields.AFTER, rowSchema)
                .field(EnvelopeFields.SOURCE, SOURCE)
                .field(EnvelopeFields.OP, Schema.STRING_SCHEMA)
                .field(EnvelopeFields.TS_MS, Schema.OPTIONAL_INT64_SCHEMA)
                .field(EnvelopeFields.CONTROL, SnapshotControl.CONTROL_SCHEMA)
                .build();
    }

    /** True when a value schema has the shape of a change envelope (by name, as Debezium decides it). */
    public static boolean isEnvelope(Schema valueSchema) {
        return valueSchema != null && valueSchema.type() == Schema.Type.STRUCT && valueSchema.name() != null
                && valueSchema.name().endsWith(".Envelope");
    }

    private static Schema buildSourceSchema() {
        Schema snapshotEnum = SchemaBuilder.string()
                .name(ENUM_SCHEMA_NAME)
                .version(1)
                .parameter("allowed", "true,last,false")
                .defaultValue(SnapshotMarker.FALSE.value())
                .optional()
                .build();
        return SchemaBuilder.struct()
                .name(SOURCE_SCHEMA_NAME)
                .version(1)
                .field(SourceFields.VERSION, Schema.STRING_SCHEMA)
                .field(SourceFields.CONNECTOR, Schema.STRING_SCHEMA)
                .field(SourceFields.NAME, Schema.STRING_SCHEMA)
                .field(SourceFields.TS_MS, Schema.INT64_SCHEMA)
                .field(SourceFields.SNAPSHOT, snapshotEnum)
                .field(SourceFields.DB, Schema.STRING_SCHEMA)
                .field(SourceFields.SCHEMA, Schema.STRING_SCHEMA)
                .field(SourceFields.TABLE, Schema.STRING_SCHEMA)
                .field(SourceFields.CHANGE_VERSION, Schema.INT64_SCHEMA)
                .field(SourceFields.CREATION_VERSION, Schema.OPTIONAL_INT64_SCHEMA)
                .field(SourceFields.CHANGED_COLUMNS, SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
                .field(SourceFields.CONTEXT, Schema.OPTIONAL_STRING_SCHEMA)
                .build();
    }
}
