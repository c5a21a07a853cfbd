package io.ctsync.sink.config;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.sink.dialect.DialectProvider;
import io.ctsync.sink.dialect.Dialects;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * Options of the JDBC sink connector: the shared connection options, then target, input, write, version gate and
 * exactly-once groups, the conflict ({@link ConflictOptions}), dead-letter and foreign-key ({@link FailureOptions})
 * groups, then each dialect's own {@code dialect.<name>.*} options (contributed by its provider).
 * Rules across options live in {@link io.ctsync.sink.JdbcSinkConnector#validate}.
 */
public class SinkConnectorConfig extends AbstractConfig {

    public static final String TARGET_GROUP = "Target";
    public static final String INPUT_GROUP = "Input";
    public static final String WRITE_GROUP = "Write";
    public static final String GATE_GROUP = "Version gate";
    public static final String EXACTLY_ONCE_GROUP = "Exactly once";

    public static final String DIALECT_NAME = "dialect.name";
    private static final String DIALECT_NAME_DOC = "The target database's dialect. Empty: chosen from connection.url "
            + "(jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:, jdbc:sqlserver:, jdbc:sqlite:).";
    public static final String DIALECT_NAME_DEFAULT = "";

    public static final String TABLE_NAME_FORMAT = "table.name.format";
    private static final String TABLE_NAME_FORMAT_DOC = "The target table of a record: text with ${topic}, ${source.db}, "
            + "${source.schema} and ${source.table} (the last three from the change event's source block). A literal "
            + "dot separates schema and table (analytics.${source.table}); dots inside substituted values become _.";
    public static final String TABLE_NAME_FORMAT_DEFAULT = "${topic}";

    public static final String PRIMARY_KEY_FIELDS = "primary.key.fields";
    private static final String PRIMARY_KEY_FIELDS_DOC = "The key columns. Empty: the fields of the record key (a "
            + "struct). Set: these fields of the row (the envelope's after/before, or the flat value); with a primitive "
            + "record key, the one column name it is written to.";

    public static final String SCHEMA_EVOLUTION = "schema.evolution";
    private static final String SCHEMA_EVOLUTION_DOC = "none: never change the target's schema; a missing table or "
            + "column fails the task naming it. basic: create missing tables (record key as primary key, version column "
            + "added) and add missing columns as nullable; never drop or narrow anything.";
    public static final String SCHEMA_EVOLUTION_DEFAULT = "basic";

    public static final String TOMBSTONE_HANDLING = "tombstone.handling";
    private static final String TOMBSTONE_HANDLING_DOC = "What a tombstone (null value) does. auto: delete by key on "
            + "topics of flat records; ignore it on topics of change envelopes, whose delete event already deleted the "
            + "row with its version (and where an unversioned delete during a replay could briefly remove a re-inserted "
            + "row). delete: always delete by key. ignore: never act on tombstones.";
    public static final String TOMBSTONE_HANDLING_DEFAULT = "auto";

    public static final String VERSION_FIELD = "sync.version.field";
    private static final String VERSION_FIELD_DOC = "Where an event's change version comes from. Empty: source."
            + "change_version of ctsync change events; events without it are applied ungated. Set: a dotted path into "
            + "the record value holding an integer, e.g. source.lsn for Debezium's PostgreSQL events or "
            + "__change_version for ctsync events flattened with ExtractNewRecordState(add.fields=change_version), which is also read by default from flat records.";
    public static final String VERSION_FIELD_DEFAULT = "";

    public static final String USE_REDUCTION = "use.reduction";
    private static final String USE_REDUCTION_DOC = "Within one batch, write only the last event of each row (by "
            + "version when the events carry one). A delete followed by an insert of the same row becomes that insert.";

    public static final String BATCH_SIZE = "batch.size";
    private static final String BATCH_SIZE_DOC = "How many records the task gathers, across Connect's deliveries, before "
            + "it writes them in one transaction (a delivery that brings more is written whole). Each transaction costs a "
            + "few round trips whatever its size (state read, writes, offsets, commit), so larger batches are faster, "
            + "above all over a network; the records wait in the task's memory meanwhile. Nothing is lost by waiting: the "
            + "target's offsets move only with a written batch.";
    public static final int BATCH_SIZE_DEFAULT = 5000;

    public static final String BATCH_LINGER_MS = "batch.linger.ms";
    private static final String BATCH_LINGER_MS_DOC = "How long the first gathered record may wait for more before the "
            + "records are written anyway, in milliseconds: the most a quiet stream's changes are held back. 0: write each "
            + "delivery at once, as Connect hands it over.";
    public static final long BATCH_LINGER_MS_DEFAULT = 100L;

    public static final String VERSION_MODE = "sync.version.mode";
    private static final String VERSION_MODE_DOC = "Where the version gate keeps each row's last applied version. "
            + "auto: in the version column when the target table has it (tables the sink creates do), else in the state "
            + "table. column: always the version column (added when schema.evolution=basic). table: always the state "
            + "table, the target schema stays untouched. off: no gate, events apply in arrival order.";
    public static final String VERSION_MODE_DEFAULT = "auto";

    public static final String VERSION_COLUMN = "sync.version.column";
    private static final String VERSION_COLUMN_DOC = "Name of the target column holding the row's last applied change "
            + "version.";
    public static final String VERSION_COLUMN_DEFAULT = "__ctsync_version";

    public static final String STATE_TABLE = "sync.state.table";
    private static final String STATE_TABLE_DOC = "The sink's state table in the target database (created when "
            + "missing): delete tombstones (so a late older upsert cannot resurrect a deleted row) and, in table mode, "
            + "every row's applied version. schema.table or table.";
    public static final String STATE_TABLE_DEFAULT = "ctsync_sink_state";

    public static final String TOMBSTONE_RETENTION_MS = "sync.tombstone.retention.ms";
    private static final String TOMBSTONE_RETENTION_MS_DOC = "How long a delete's tombstone is kept in the state table "
            + "(milliseconds). Older ones are purged; an event older than a purged delete could then re-insert the row, "
            + "so keep it longer than any replay you expect.";
    public static final long TOMBSTONE_RETENTION_MS_DEFAULT = 7L * 24 * 60 * 60 * 1000;

    public static final String OFFSETS_TABLE = "sync.offsets.table";
    private static final String OFFSETS_TABLE_DOC = "The table in the target database holding the Kafka offsets the "
            + "sink applied, written in the same transaction as the data (created when missing). A restarted task "
            + "resumes from it, whatever Kafka's consumer group says. schema.table or table.";
    public static final String OFFSETS_TABLE_DEFAULT = "ctsync_sink_offsets";

    public static final ConfigDef CONFIG_DEF = configDef();

    public SinkConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    public ConnectionOptions.Settings connection() {
        return ConnectionOptions.Settings.of(this);
    }

    public String dialectName() {
        return getString(DIALECT_NAME);
    }

    public TableNameFormat tableNameFormat() {
        return TableNameFormat.parse(getString(TABLE_NAME_FORMAT));
    }

    public List<String> primaryKeyFields() {
        return getList(PRIMARY_KEY_FIELDS).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public SchemaEvolution schemaEvolution() {
        return EnumValidator.parse(SchemaEvolution.class, getString(SCHEMA_EVOLUTION));
    }

    public TombstoneHandling tombstoneHandling() {
        return EnumValidator.parse(TombstoneHandling.class, getString(TOMBSTONE_HANDLING));
    }

    public String versionField() {
        return getString(VERSION_FIELD).trim();
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public long batchLingerMs() {
        return getLong(BATCH_LINGER_MS);
    }

    public boolean useReduction() {
        return getBoolean(USE_REDUCTION);
    }

    public VersionMode versionMode() {
        return EnumValidator.parse(VersionMode.class, getString(VERSION_MODE));
    }

    public String versionColumn() {
        return getString(VERSION_COLUMN).trim();
    }

    public String stateTable() {
        return getString(STATE_TABLE).trim();
    }

    public long tombstoneRetentionMs() {
        return getLong(TOMBSTONE_RETENTION_MS);
    }

    public String offsetsTable() {
        return getString(OFFSETS_TABLE).trim();
    }

    public ReconcileOptions.Settings reconcile() {
        return ReconcileOptions.Settings.of(this);
    }

    public ConflictOptions.Settings conflicts() {
        return ConflictOptions.Settings.of(this);
    }

    public FailureOptions.Settings failures() {
        return FailureOptions.Settings.of(this);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConnectionOptions.addTo(def, "jdbc:postgresql://db.example.com:5432/analytics");
        int order = 0;
        def.define(DIALECT_NAME, Type.STRING, DIALECT_NAME_DEFAULT, dialectNameValidator(), Importance.LOW, DIALECT_NAME_DOC,
                        TARGET_GROUP, ++order, Width.SHORT, "Dialect")
                .define(TABLE_NAME_FORMAT, Type.STRING, TABLE_NAME_FORMAT_DEFAULT, TableNameFormat.validator(),
                        Importance.HIGH, TABLE_NAME_FORMAT_DOC, TARGET_GROUP, ++order, Width.LONG, "Table name format")
                .define(PRIMARY_KEY_FIELDS, Type.LIST, "", new ConfigDef.NonNullValidator(), Importance.MEDIUM,
                        PRIMARY_KEY_FIELDS_DOC, TARGET_GROUP, ++order, Width.LONG, "Primary key fields")
                .define(SCHEMA_EVOLUTION, Type.STRING, SCHEMA_EVOLUTION_DEFAULT, EnumValidator.of(SchemaEvolution.class),
                        Importance.MEDIUM, SCHEMA_EVOLUTION_DOC, TARGET_GROUP, ++order, Width.SHORT, "Schema evolution");
        order = 0;
        def.define(TOMBSTONE_HANDLING, Type.STRING, TOMBSTONE_HANDLING_DEFAULT, EnumValidator.of(TombstoneHandling.class),
                        Importance.MEDIUM, TOMBSTONE_HANDLING_DOC, INPUT_GROUP, ++order, Width.SHORT, "Tombstone handling")
                .define(VERSION_FIELD, Type.STRING, VERSION_FIELD_DEFAULT, fieldPath(), Importance.MEDIUM, VERSION_FIELD_DOC,
                        INPUT_GROUP, ++order, Width.MEDIUM, "Version field");
        order = 0;
        def.define(BATCH_SIZE, Type.INT, BATCH_SIZE_DEFAULT, Range.between(1, 1_000_000), Importance.MEDIUM,
                        BATCH_SIZE_DOC, WRITE_GROUP, ++order, Width.SHORT, "Batch size")
                .define(BATCH_LINGER_MS, Type.LONG, BATCH_LINGER_MS_DEFAULT, Range.between(0L, 60_000L), Importance.LOW,
                        BATCH_LINGER_MS_DOC, WRITE_GROUP, ++order, Width.SHORT, "Batch linger (ms)")
                .define(USE_REDUCTION, Type.BOOLEAN, true, Importance.LOW, USE_REDUCTION_DOC, WRITE_GROUP, ++order,
                        Width.SHORT, "Reduce each batch");
        order = 0;
        def.define(VERSION_MODE, Type.STRING, VERSION_MODE_DEFAULT, EnumValidator.of(VersionMode.class), Importance.MEDIUM,
                        VERSION_MODE_DOC, GATE_GROUP, ++order, Width.SHORT, "Version storage")
                .define(VERSION_COLUMN, Type.STRING, VERSION_COLUMN_DEFAULT, identifier(), Importance.LOW, VERSION_COLUMN_DOC,
                        GATE_GROUP, ++order, Width.MEDIUM, "Version column")
                .define(STATE_TABLE, Type.STRING, STATE_TABLE_DEFAULT, identifier(), Importance.LOW, STATE_TABLE_DOC,
                        GATE_GROUP, ++order, Width.MEDIUM, "State table")
                .define(TOMBSTONE_RETENTION_MS, Type.LONG, TOMBSTONE_RETENTION_MS_DEFAULT, Range.atLeast(0L),
                        Importance.LOW, TOMBSTONE_RETENTION_MS_DOC, GATE_GROUP, ++order, Width.SHORT,
                        "Tombstone retention (ms)");
        def.define(OFFSETS_TABLE, Type.STRING, OFFSETS_TABLE_DEFAULT, identifier(), Importance.LOW, OFFSETS_TABLE_DOC,
                EXACTLY_ONCE_GROUP, 1, Width.MEDIUM, "Offsets table");
        ConflictOptions.addTo(def);
        ReconcileOptions.addTo(def, identifier());
        FailureOptions.addTo(def);
        for (DialectProvider provider : Dialects.providers()) {
            provider.defineOptions(def);
        }
        return def;
    }

    private static ConfigDef.Validator dialectNameValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = value == null ? "" : value.toString();
                if (!text.isBlank() && Dialects.byName(text).isEmpty()) {
                    throw new ConfigException(name, value, "is not a known dialect; known: " + Dialects.names());
                }
            }

            @Override
            public String toString() {
                return "empty (from the URL) or one of " + Dialects.names();
            }
        };
    }

    static ConfigDef.Validator identifier() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = value == null ? "" : value.toString().trim();
                if (text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.chars().filter(c -> c == '.').count() > 1) {
                    throw new ConfigException(name, value, "must be a name, or schema.name");
                }
            }

            @Override
            public String toString() {
                return "a name or schema.name";
            }
        };
    }

    /** Empty, or a column name. */
    static ConfigDef.Validator optionalName() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = value == null ? "" : value.toString();
                if (!text.equals(text.trim())) {
                    throw new ConfigException(name, value, "must not start or end with spaces");
                }
            }

            @Override
            public String toString() {
                return "empty or a column name";
            }
        };
    }

    private static ConfigDef.Validator fieldPath() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = value == null ? "" : value.toString().trim();
                if (!text.isEmpty() && !text.matches("[^.\\s]+(\\.[^.\\s]+)*")) {
                    throw new ConfigException(name, value, "must be empty or a dotted field path like source.lsn");
                }
            }

            @Override
            public String toString() {
                return "empty or a dotted field path";
            }
        };
    }
}
