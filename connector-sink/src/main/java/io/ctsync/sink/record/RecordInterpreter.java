package io.ctsync.sink.record;

import io.ctsync.contract.event.ChangeEventSchemas;
import io.ctsync.contract.event.EnvelopeFields;
import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.contract.event.SourceFields;
import io.ctsync.sink.config.TableNameFormat;
import io.ctsync.sink.config.TombstoneHandling;
import io.ctsync.sink.failure.RecordFailure;
import io.ctsync.sink.schema.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reads a {@link SinkRecord} as one {@link ChangeEvent}: a change envelope (ctsync's or any Debezium connector's:
 * {@code before}/{@code after}/{@code source}/{@code op}), a flat row (after ExtractNewRecordState, with
 * {@code __deleted} marking deletes), or a tombstone. What it learns about a value schema (where op, rows, source
 * and version sit) is worked out once per schema instance and reused for every record that shares it.
 */
public final class RecordInterpreter {

    public static final String DELETED_FIELD = "__deleted";
    private static final List<String> FLAT_VERSION_FIELDS = List.of("__change_version", "__source_change_version");

    private final TableNameFormat tableNameFormat;
    private final TombstoneHandling tombstoneHandling;
    private final List<String> versionPath;
    private final Map<Schema, Shape> shapes = new IdentityHashMap<>();
    private final Map<String, Boolean> envelopeTopics = new HashMap<>();
    private final Map<String, TableId> topicRoutes = new HashMap<>();
    private final Map<List<String>, TableId> sourceRoutes = new HashMap<>();

    /** {@code versionField} empty: ctsync's {@code source.change_version}, or {@code __change_version} in flat rows. */
    public RecordInterpreter(TableNameFormat tableNameFormat, TombstoneHandling tombstoneHandling, String versionField) {
        this.tableNameFormat = tableNameFormat;
        this.tombstoneHandling = tombstoneHandling;
        this.versionPath = versionField == null || versionField.isBlank() ? null : List.of(versionField.trim().split("\\."));
    }

    /** The event of a record, or null when the record changes nothing (ignored tombstone, truncate, message). */
    public ChangeEvent interpret(SinkRecord record) {
        if (SnapshotControl.isControl(record.headers())) {
            return null;
        }
        Object value = record.value();
        if (value == null) {
            return tombstone(record);
        }
        Schema schema = record.valueSchema();
        if (schema == null || !(value instanceof Struct struct)) {
            throw new RecordFailure(record, "the value has no schema or is not a struct (" + value.getClass().getSimpleName()
                    + "); the sink needs values with schemas: JsonConverter with schemas.enable=true, Avro or Protobuf");
        }
        Shape shape = shapes.get(schema);
        if (shape == null) {
            shape = Shape.of(record, schema, versionPath);
            shapes.put(schema, shape);
        }
        envelopeTopics.put(record.topic(), shape.envelope());
        return shape.envelope() ? fromEnvelope(record, struct, shape) : fromFlatRow(record, struct, shape);
    }

    /**
     * A snapshot marker as the batch passes it: the marker and the target table its source table's rows go to; a
     * control record this version cannot read fails like any unreadable record.
     */
    public Optional<SnapshotControl> control(SinkRecord record) {
        try {
            return SnapshotControl.read(record.headers(), record.value());
        } catch (IllegalArgumentException | org.apache.kafka.connect.errors.DataException e) {
            throw new RecordFailure(record, "a snapshot marker: " + e.getMessage());
        }
    }

    /** The target table of a snapshot marker's source table, as {@code table.name.format} routes its events. */
    public TableId target(SinkRecord record, SnapshotControl control) {
        try {
            return tableNameFormat.resolve(record.topic(), control.database(), control.schema(), control.table());
        } catch (IllegalArgumentException e) {
            throw new RecordFailure(record, null, null, e.getMessage(), e);
        }
    }

    private ChangeEvent fromEnvelope(SinkRecord record, Struct value, Shape shape) {
        String op = value.getString(EnvelopeFields.OP);
        Struct source = shape.source() == null ? null : (Struct) value.get(shape.source());
        TableId table = route(record, source, shape);
        Long version = version(record, value, shape);
        switch (op == null ? "" : op) {
            case "c", "r", "u" -> {
                Struct after = (Struct) value.get(shape.after());
                if (after == null) {
                    throw new RecordFailure(record, table, EnvelopeFields.AFTER, "op '" + op + "' but 'after' is null", null);
                }
                return new ChangeEvent(record, ChangeEvent.Op.UPSERT, table, after, version, op,
                        changedColumns(source, shape));
            }
            case "d" -> {
                Struct before = shape.before() == null ? null : (Struct) value.get(shape.before());
                return new ChangeEvent(record, ChangeEvent.Op.DELETE, table, before, version, op, null);
            }
            case "t", "m", "snapshot-begin", "snapshot-end" -> {
                // Truncates and messages change no row; nor does a snapshot marker whose ctsync.control header a
                // transform removed (it is then no marker for reconciliation either: a skipped reconciliation loses
                // nothing).
                return null;
            }
            default -> throw new RecordFailure(record, table, EnvelopeFields.OP, "unknown op '" + op
                    + "'; expected c, r, u or d", null);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> changedColumns(Struct source, Shape shape) {
        return source == null || shape.changedColumns() == null ? null : (List<String>) source.get(shape.changedColumns());
    }

    private ChangeEvent fromFlatRow(SinkRecord record, Struct value, Shape shape) {
        TableId table = route(record, null, shape);
        boolean deleted = false;
        if (shape.deleted() != null) {
            Object flag = value.get(shape.deleted());
            deleted = flag instanceof Boolean b ? b : flag != null && "true".equalsIgnoreCase(flag.toString());
        }
        return new ChangeEvent(record, deleted ? ChangeEvent.Op.DELETE : ChangeEvent.Op.UPSERT, table, value,
                version(record, value, shape));
    }

    private ChangeEvent tombstone(SinkRecord record) {
        boolean act = switch (tombstoneHandling) {
            case IGNORE -> false;
            case DELETE -> true;
            case AUTO -> !tableNameFormat.usesSourceFields() && !envelopeTopics.getOrDefault(record.topic(), false);
        };
        if (!act) {
            return null;
        }
        if (record.key() == null) {
            throw new RecordFailure(record, "a tombstone without a key cannot say which row to delete");
        }
        return new ChangeEvent(record, ChangeEvent.Op.DELETE, route(record, null, null), null, null);
    }

    private TableId route(SinkRecord record, Struct source, Shape shape) {
        try {
            if (!tableNameFormat.usesSourceFields()) {
                return topicRoutes.computeIfAbsent(record.topic(), t -> tableNameFormat.resolve(t, null, null, null));
            }
            String db = source == null ? null : source.getString(SourceFields.DB);
            String schema = source == null || shape.sourceSchema() == null ? null : (String) source.get(shape.sourceSchema());
            String table = source == null ? null : source.getString(SourceFields.TABLE);
            List<String> key = java.util.Arrays.asList(record.topic(), db, schema, table);
            TableId id = sourceRoutes.get(key);
            if (id == null) {
                id = tableNameFormat.resolve(record.topic(), db, schema, table);
                sourceRoutes.put(key, id);
            }
            return id;
        } catch (IllegalArgumentException | org.apache.kafka.connect.errors.DataException e) {
            throw new RecordFailure(record, null, null, e.getMessage(), e);
        }
    }

    private static Long version(SinkRecord record, Struct value, Shape shape) {
        if (shape.versionPath() == null) {
            return null;
        }
        Object current = value;
        for (Field field : shape.versionPath()) {
            if (current == null) {
                return null;
            }
            current = ((Struct) current).get(field);
        }
        if (current == null) {
            return null;
        }
        if (current instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(current.toString().trim());
        } catch (NumberFormatException e) {
            throw new RecordFailure(record, null, shape.versionName(), "the change version '" + current
                    + "' is not an integer; point sync.version.field at an integer field", e);
        }
    }

    /** Where things sit in one value schema. */
    private record Shape(boolean envelope, Field after, Field before, Field source, Field sourceSchema, Field changedColumns,
                         Field deleted, List<Field> versionPath, String versionName) {

        static Shape of(SinkRecord record, Schema schema, List<String> configuredVersionPath) {
            if (schema.type() != Schema.Type.STRUCT) {
                throw new RecordFailure(record, "the value schema is " + schema.type() + ", not a struct");
            }
            boolean envelope = ChangeEventSchemas.isEnvelope(schema)
                    || (schema.field(EnvelopeFields.OP) != null && schema.field(EnvelopeFields.AFTER) != null);
            if (envelope) {
                Field after = schema.field(EnvelopeFields.AFTER);
                Field op = schema.field(EnvelopeFields.OP);
                if (after == null || op == null || after.schema().type() != Schema.Type.STRUCT) {
                    throw new RecordFailure(record, "the value is a change envelope (" + schema.name() + ") but lacks "
                            + (op == null ? "the 'op' field" : "an 'after' struct"));
                }
                Field source = schema.field(EnvelopeFields.SOURCE);
                boolean sourceStruct = source != null && source.schema().type() == Schema.Type.STRUCT;
                Field sourceSchema = sourceStruct ? source.schema().field(SourceFields.SCHEMA) : null;
                Field changed = sourceStruct ? source.schema().field(SourceFields.CHANGED_COLUMNS) : null;
                if (changed != null && (changed.schema().type() != Schema.Type.ARRAY
                        || changed.schema().valueSchema().type() != Schema.Type.STRING)) {
                    changed = null;
                }
                List<String> path = configuredVersionPath != null ? configuredVersionPath
                        : List.of(EnvelopeFields.SOURCE, SourceFields.CHANGE_VERSION);
                return new Shape(true, after, schema.field(EnvelopeFields.BEFORE), sourceStruct ? source : null, sourceSchema,
                        changed, null,
                        resolve(record, schema, path, configuredVersionPath != null), String.join(".", path));
            }
            List<Field> versionFields = null;
            String versionName = null;
            if (configuredVersionPath != null) {
                versionFields = resolve(record, schema, configuredVersionPath, true);
                versionName = String.join(".", configuredVersionPath);
            } else {
                for (String candidate : FLAT_VERSION_FIELDS) {
                    if (schema.field(candidate) != null) {
                        versionFields = List.of(schema.field(candidate));
                        versionName = candidate;
                        break;
                    }
                }
            }
            return new Shape(false, null, null, null, null, null, schema.field(DELETED_FIELD), versionFields, versionName);
        }

        private static List<Field> resolve(SinkRecord record, Schema schema, List<String> path, boolean required) {
            List<Field> fields = new ArrayList<>(path.size());
            Schema current = schema;
            for (String name : path) {
                Field field = current.type() == Schema.Type.STRUCT ? current.field(name) : null;
                if (field == null) {
                    if (!required) {
                        return null;
                    }
                    throw new RecordFailure(record, null, String.join(".", path), "sync.version.field '"
                            + String.join(".", path) + "' is not in the record value (no field '" + name + "' in "
                            + (current.name() == null ? current.type() : current.name()) + ")", null);
                }
                fields.add(field);
                current = field.schema();
            }
            return List.copyOf(fields);
        }
    }
}
