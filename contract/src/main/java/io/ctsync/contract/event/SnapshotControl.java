package io.ctsync.contract.event;

import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;

/**
 * A snapshot control marker: the source writes one {@code snapshot-begin} and one {@code snapshot-end} record to
 * <em>every</em> partition of a table's topic when it snapshots the table (also an empty one), because a sink task
 * owns only some partitions and order holds only within a partition. Once a sink has passed the end marker on all
 * {@code partitions} partitions, every row the snapshot read precedes it, so target rows whose applied version is
 * below {@code snapshotVersion} (V0) and that no later event touched no longer exist at the source.
 *
 * <p>What other consumers see: a record with the header {@value #HEADER} ({@code snapshot-begin} or
 * {@code snapshot-end}), no key, and as value the table's own change envelope (same schema as its change events)
 * with {@code op} = the kind, no {@code before} or {@code after}, and the marker's fields in the envelope's optional
 * {@value EnvelopeFields#CONTROL} struct ({@link #CONTROL_SCHEMA}, null in change events). Sharing the table's schemas
 * is what lets markers pass any schema registry: under any subject strategy and any compatibility rule they register
 * nothing new. Consumers that must not see them drop them by the header, e.g. with Kafka's {@code Filter} transform
 * and {@code HasHeaderKey} predicate.
 *
 * <p>Records written by earlier versions (still in topics) have a key of schema {@value #KEY_SCHEMA_NAME} and a value
 * of schema {@value #VALUE_SCHEMA_NAME} holding the same fields ({@link #LEGACY_KEY_SCHEMA},
 * {@link #LEGACY_VALUE_SCHEMA}); {@link #read} reads both forms.
 */
public record SnapshotControl(Kind kind, String snapshotId, long snapshotVersion, int partition, int partitions,
                              String server, String database, String schema, String table, long tsMs) {

    /** The header that marks a control record; its value is the kind. */
    public static final String HEADER = "ctsync.control";
    public static final String KEY_SCHEMA_NAME = "io.ctsync.control.SnapshotControlKey";
    public static final String VALUE_SCHEMA_NAME = "io.ctsync.control.SnapshotControl";

    public static final String CONTROL = "control";
    public static final String SNAPSHOT_ID = "snapshot_id";
    public static final String SNAPSHOT_VERSION = "snapshot_version";
    public static final String PARTITION = "partition";
    public static final String PARTITIONS = "partitions";
    public static final String SERVER = "server";
    public static final String DATABASE = "db";
    public static final String SCHEMA = "schema";
    public static final String TABLE = "table";
    public static final String TS_MS = "ts_ms";

    /** The marker's fields, as the envelope's optional {@value EnvelopeFields#CONTROL} field declares them. */
    public static final Schema CONTROL_SCHEMA = fields(SchemaBuilder.struct().name(VALUE_SCHEMA_NAME).optional());

    /** The key of markers written by earlier versions: by kind, table and partition. Read, no longer written. */
    public static final Schema LEGACY_KEY_SCHEMA = SchemaBuilder.struct().name(KEY_SCHEMA_NAME)
            .field(CONTROL, Schema.STRING_SCHEMA)
            .field(TABLE, Schema.STRING_SCHEMA)
            .field(PARTITION, Schema.INT32_SCHEMA)
            .build();
    /** The value of markers written by earlier versions: the marker's fields on their own. Read, no longer written. */
    public static final Schema LEGACY_VALUE_SCHEMA = fields(SchemaBuilder.struct().name(VALUE_SCHEMA_NAME));

    private static Schema fields(SchemaBuilder struct) {
        return struct
                .field(CONTROL, Schema.STRING_SCHEMA)
                .field(SNAPSHOT_ID, Schema.STRING_SCHEMA)
                .field(SNAPSHOT_VERSION, Schema.INT64_SCHEMA)
                .field(PARTITION, Schema.INT32_SCHEMA)
                .field(PARTITIONS, Schema.INT32_SCHEMA)
                .field(SERVER, Schema.STRING_SCHEMA)
                .field(DATABASE, Schema.STRING_SCHEMA)
                .field(SCHEMA, Schema.STRING_SCHEMA)
                .field(TABLE, Schema.STRING_SCHEMA)
                .field(TS_MS, Schema.INT64_SCHEMA)
                .build();
    }

    /** Where in the snapshot the marker stands. */
    public enum Kind {
        BEGIN("snapshot-begin"),
        END("snapshot-end");

        private final String value;

        Kind(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Optional<Kind> of(String value) {
            for (Kind kind : values()) {
                if (kind.value.equals(value)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public SnapshotControl {
        if (partitions < 1 || partition < 0 || partition >= partitions) {
            throw new IllegalArgumentException("partition " + partition + " of " + partitions + " partitions");
        }
    }

    /** The snapshot id of a snapshot anchored at V0: the same id however often the snapshot resumes. */
    public static String snapshotId(long snapshotVersion) {
        return "v" + snapshotVersion;
    }

    /** {@code db.schema.table}, as the key names the table. */
    public String qualifiedTable() {
        return database + "." + schema + "." + table;
    }

    /** The marker as the envelope's {@value EnvelopeFields#CONTROL} struct. */
    public Struct toStruct() {
        return put(new Struct(CONTROL_SCHEMA));
    }

    /** The key of a marker in the form of earlier versions (for tests of reading old topics). */
    public Struct legacyKey() {
        return new Struct(LEGACY_KEY_SCHEMA).put(CONTROL, kind.value()).put(TABLE, qualifiedTable()).put(PARTITION, partition);
    }

    /** The value of a marker in the form of earlier versions (for tests of reading old topics). */
    public Struct legacyValue() {
        return put(new Struct(LEGACY_VALUE_SCHEMA));
    }

    private Struct put(Struct struct) {
        return struct
                .put(CONTROL, kind.value())
                .put(SNAPSHOT_ID, snapshotId)
                .put(SNAPSHOT_VERSION, snapshotVersion)
                .put(PARTITION, partition)
                .put(PARTITIONS, partitions)
                .put(SERVER, server)
                .put(DATABASE, database)
                .put(SCHEMA, schema)
                .put(TABLE, table)
                .put(TS_MS, tsMs);
    }

    /** True when the record headers mark a control record (whatever its kind). */
    public static boolean isControl(Headers headers) {
        return headers != null && headers.lastWithName(HEADER) != null;
    }

    /**
     * Reads a marker from a record's headers and value, in either form: the table's envelope with the marker in its
     * {@value EnvelopeFields#CONTROL} struct, or (earlier versions) a value of schema {@value #VALUE_SCHEMA_NAME}.
     * Empty when the record is no control record.
     *
     * @throws IllegalArgumentException when the header says control but the value is not a marker this version reads
     */
    public static Optional<SnapshotControl> read(Headers headers, Object value) {
        Header header = headers == null ? null : headers.lastWithName(HEADER);
        if (header == null) {
            return Optional.empty();
        }
        Kind kind = Kind.of(String.valueOf(header.value())).orElseThrow(() -> new IllegalArgumentException("the "
                + HEADER + " header is '" + header.value() + "'; this version knows " + Kind.BEGIN.value() + " and "
                + Kind.END.value()));
        Struct fields = markerFields(value);
        if (fields == null) {
            throw new IllegalArgumentException("a " + HEADER + "=" + kind.value() + " record must have a value with schema"
                    + " (JsonConverter with schemas.enable=true, Avro, Protobuf): a change envelope whose '" + CONTROL
                    + "' struct is set, or a " + VALUE_SCHEMA_NAME + " value");
        }
        return Optional.of(new SnapshotControl(kind, fields.getString(SNAPSHOT_ID), fields.getInt64(SNAPSHOT_VERSION),
                fields.getInt32(PARTITION), fields.getInt32(PARTITIONS), fields.getString(SERVER),
                fields.getString(DATABASE), fields.getString(SCHEMA), fields.getString(TABLE), fields.getInt64(TS_MS)));
    }

    /** The struct holding a marker's fields: the envelope's control struct, or the whole value of the earlier form. */
    private static Struct markerFields(Object value) {
        if (!(value instanceof Struct struct)) {
            return null;
        }
        Field control = struct.schema().field(EnvelopeFields.CONTROL);
        if (control != null && control.schema().type() == Schema.Type.STRUCT) {
            return hasMarkerFields(control.schema()) ? (Struct) struct.get(control) : null;
        }
        return hasMarkerFields(struct.schema()) ? struct : null;
    }

    private static boolean hasMarkerFields(Schema schema) {
        return schema.field(SNAPSHOT_VERSION) != null && schema.field(PARTITIONS) != null;
    }
}
