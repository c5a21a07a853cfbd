package io.ctsync.contract.event;

import java.util.Optional;
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
 * {@code snapshot-end}), a key of schema {@value #KEY_SCHEMA_NAME} and a value of schema {@value #VALUE_SCHEMA_NAME}
 * (not a change envelope: no {@code op}, name not ending in {@code .Envelope}). Consumers that must not see them drop
 * them by the header, e.g. with Kafka's {@code Filter} transform and {@code HasHeaderKey} predicate.
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

    /** Keyed by kind, table and partition: a compacted topic keeps the last marker of each. */
    public static final Schema KEY_SCHEMA = SchemaBuilder.struct().name(KEY_SCHEMA_NAME)
            .field(CONTROL, Schema.STRING_SCHEMA)
            .field(TABLE, Schema.STRING_SCHEMA)
            .field(PARTITION, Schema.INT32_SCHEMA)
            .build();
    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name(VALUE_SCHEMA_NAME)
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

    public Struct key() {
        return new Struct(KEY_SCHEMA).put(CONTROL, kind.value()).put(TABLE, qualifiedTable()).put(PARTITION, partition);
    }

    public Struct value() {
        return new Struct(VALUE_SCHEMA)
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
     * Reads a marker from a record's headers and value; empty when the record is no control record.
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
        if (!(value instanceof Struct struct) || struct.schema().field(SNAPSHOT_VERSION) == null
                || struct.schema().field(PARTITIONS) == null) {
            throw new IllegalArgumentException("a " + HEADER + "=" + kind.value() + " record must have a "
                    + VALUE_SCHEMA_NAME + " value with schema (JsonConverter with schemas.enable=true, Avro, Protobuf)");
        }
        return Optional.of(new SnapshotControl(kind, struct.getString(SNAPSHOT_ID), struct.getInt64(SNAPSHOT_VERSION),
                struct.getInt32(PARTITION), struct.getInt32(PARTITIONS), struct.getString(SERVER),
                struct.getString(DATABASE), struct.getString(SCHEMA), struct.getString(TABLE), struct.getInt64(TS_MS)));
    }
}
