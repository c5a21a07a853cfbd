package io.ctsync.source.config;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.contract.config.Validators;
import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Options of the Change Tracking source connector (connector level; tasks add their assignment). */
public class SourceConnectorConfig extends AbstractConfig {

    public static final String NAMING_GROUP = "Naming";
    public static final String TABLES_GROUP = "Tables";
    public static final String SNAPSHOT_GROUP = "Snapshot";
    public static final String CAPTURE_GROUP = "Change Tracking";
    public static final String EVENTS_GROUP = "Events";
    public static final String MARKERS_GROUP = "Snapshot markers";

    public static final String TOPIC_PREFIX = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Logical name of the source server. It prefixes every topic "
            + "(<prefix>.<database>.<schema>.<table>) and schema name, and it identifies the connector's anchors in "
            + "the source offsets: changing it starts over.";

    public static final String TABLE_INCLUDE_LIST = "table.include.list";
    private static final String TABLE_INCLUDE_LIST_DOC = "Regular expressions matched against 'schema.table' of the "
            + "change-tracked tables (sys.change_tracking_tables); only matching tables are captured. Empty: every "
            + "change-tracked table. Each expression must match at least one tracked table when the connector starts. With "
            + "several databases (database.names) an expression may also match 'database.schema.table': unqualified "
            + "entries select the table in every captured database.";
    public static final String TABLE_EXCLUDE_LIST = "table.exclude.list";
    private static final String TABLE_EXCLUDE_LIST_DOC = "Regular expressions matched against 'schema.table' (and "
            + "'database.schema.table' with several databases); matching tables are not captured, even when the include "
            + "list matches them.";
    public static final String COLUMN_EXCLUDE_LIST = "column.exclude.list";
    private static final String COLUMN_EXCLUDE_LIST_DOC = "Regular expressions matched against "
            + "'schema.table.column'; matching columns are left out of events. Primary-key columns cannot be excluded.";
    public static final String TABLE_MONITOR_INTERVAL_MS = "table.monitor.interval.ms";
    private static final String TABLE_MONITOR_INTERVAL_MS_DOC = "How often the connector lists the change-tracked "
            + "tables; when a matching table appears or disappears it re-plans its tasks.";
    public static final long TABLE_MONITOR_INTERVAL_MS_DEFAULT = 60_000L;
    /** Prefix of the row filters, {@code table.filter.[<database>.]<schema>.<table>}: not in the ConfigDef (names vary). */
    public static final String TABLE_FILTER_PREFIX = "table.filter.";
    public static final String TABLE_FILTER_DOC = "A T-SQL search condition on the columns of the table <schema>.<table> "
            + "(as the catalog spells it), in every captured database; table.filter.<database>.<schema>.<table> sets the "
            + "one of that database's table and wins over the unqualified one there. Only rows satisfying it are "
            + "snapshotted and emitted, and a changed row that fails it is emitted as a delete of its key. Trusted operator input: put into the queries as written, in "
            + "parentheses. Changing it snapshots the table again.";

    public static final String SNAPSHOT_MODE = "snapshot.mode";
    private static final String SNAPSHOT_MODE_DOC = "What a table without an anchor starts with. 'initial': a "
            + "snapshot (op=r) anchored at the Change Tracking version read before it, then changes. 'never': changes "
            + "from the current version, no snapshot. 'when_needed': like 'initial', and an expired anchor always "
            + "re-snapshots. 'initial_only': the snapshot only.";
    public static final String SNAPSHOT_MODE_DEFAULT = "initial";
    public static final String SNAPSHOT_CHUNK_ROWS = "snapshot.chunk.rows";
    private static final String SNAPSHOT_CHUNK_ROWS_DOC = "Rows per snapshot chunk: one keyset query in primary-key "
            + "order. The offset after each row holds its key, so a restarted task resumes inside the snapshot.";
    public static final int SNAPSHOT_CHUNK_ROWS_DEFAULT = 2_048;

    public static final String BATCH_MAX_ROWS = "batch.max.rows";
    private static final String BATCH_MAX_ROWS_DOC = "Most change events one poll cycle reads (over all the task's "
            + "tables). A transaction that changed more rows is read over several cycles; the offset then carries the "
            + "(version, key) of the last row emitted, so a restart resumes inside the version exactly.";
    public static final int BATCH_MAX_ROWS_DEFAULT = 2_048;
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    private static final String POLL_INTERVAL_MS_DOC = "Pause after a poll cycle that found nothing to emit.";
    public static final long POLL_INTERVAL_MS_DEFAULT = 500L;
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
    private static final String HEARTBEAT_INTERVAL_MS_DOC = "How often the task writes records to "
            + "<topic.prefix>.heartbeat for tables whose anchor advanced without emitting an event (idle tables, "
            + "skipped contexts). Connect only commits offsets that ride on records, so the heartbeat keeps an idle "
            + "table's anchor fresh and retention cleanup never expires it. Keep it well below CHANGE_RETENTION.";
    public static final long HEARTBEAT_INTERVAL_MS_DEFAULT = 60_000L;
    public static final String RETENTION_EXPIRED_POLICY = "retention.expired.policy";
    private static final String RETENTION_EXPIRED_POLICY_DOC = "What to do when a table's anchor is older than "
            + "CHANGE_TRACKING_MIN_VALID_VERSION (retention cleanup or TRUNCATE removed changes it has not read). "
            + "'resnapshot': snapshot the table again (logged at WARN with the versions). 'fail': fail the task; the "
            + "operator resets the table's offset to re-snapshot it.";
    public static final String RETENTION_EXPIRED_POLICY_DEFAULT = "resnapshot";
    public static final String SNAPSHOT_ISOLATION_REQUIRED = "snapshot.isolation.required";
    private static final String SNAPSHOT_ISOLATION_REQUIRED_DOC = "Each poll cycle reads in one SNAPSHOT isolation "
            + "transaction (ALTER DATABASE ... SET ALLOW_SNAPSHOT_ISOLATION ON). When the database does not allow it: "
            + "true refuses to start; false warns and reads in READ COMMITTED, checking the minimum valid version again "
            + "after each read, so a cleanup during the read is detected (and handled by retention.expired.policy) "
            + "instead of silently losing changes.";
    public static final String CHANGE_CONTEXT_EXCLUDE = "change.context.exclude";
    private static final String CHANGE_CONTEXT_EXCLUDE_DOC = "Hex bytes (e.g. 0x6374) of a change context: changes "
            + "written WITH CHANGE_TRACKING_CONTEXT (that value) are not emitted. A two-way sync writes with this context "
            + "so its own writes do not loop back. Empty: every change is emitted.";

    public static final String TOMBSTONES_ON_DELETE = "tombstones.on.delete";
    private static final String TOMBSTONES_ON_DELETE_DOC = "Follow each delete event with a tombstone (same key, "
            + "null value) so log compaction can drop the key.";
    public static final String DECIMAL_HANDLING_MODE = "decimal.handling.mode";
    private static final String DECIMAL_HANDLING_MODE_DOC = "How decimal, numeric, money and smallmoney values are "
            + "represented: 'precise' (Connect Decimal, exact), 'double' (FLOAT64), 'string' (plain text).";
    public static final String TIME_PRECISION_MODE = "time.precision.mode";
    private static final String TIME_PRECISION_MODE_DOC = "How date and time values are represented: 'adaptive' "
            + "(Debezium's io.debezium.time.* types at the column's precision: milli, micro or nano) or 'connect' "
            + "(Kafka Connect's Date/Time/Timestamp, millisecond precision).";
    public static final String BINARY_HANDLING_MODE = "binary.handling.mode";
    private static final String BINARY_HANDLING_MODE_DOC = "How binary, varbinary, image and rowversion values are "
            + "represented: 'bytes', 'base64', 'base64-url-safe' or 'hex' (strings).";

    public static final String SNAPSHOT_MARKERS = "snapshot.markers";
    private static final String SNAPSHOT_MARKERS_DOC = "Write a snapshot-begin and a snapshot-end control record (header "
            + "ctsync.control, schema io.ctsync.control.SnapshotControl, carrying the snapshot's anchor version V0 and the "
            + "topic's partition count) to every partition of a table's topic around each snapshot of it, also of an "
            + "empty table. The ctsync JDBC sink uses them to delete target rows that the snapshot no longer brought "
            + "(rows deleted while changes were lost to retention cleanup, a TRUNCATE or an offset reset). Needs the "
            + "topic's partition count: from snapshot.markers.kafka.bootstrap.servers, else from topic.creation.*. "
            + "Other consumers drop the markers by their header (Kafka's Filter transform with HasHeaderKey).";
    public static final String SNAPSHOT_MARKERS_KAFKA_PREFIX = "snapshot.markers.kafka.";
    public static final String SNAPSHOT_MARKERS_BOOTSTRAP_SERVERS = SNAPSHOT_MARKERS_KAFKA_PREFIX + "bootstrap.servers";
    private static final String SNAPSHOT_MARKERS_BOOTSTRAP_SERVERS_DOC = "Kafka brokers the task asks (admin client, "
            + "describe topic) for the partition count of a table's topic when it writes snapshot markers; further admin "
            + "client settings (security) as snapshot.markers.kafka.<setting>. Empty: the count comes from the connector's "
            + "topic.creation.* settings, which are right only for topics the worker creates with them.";
    public static final String TOPIC_CREATION_PREFIX = "topic.creation.";

    public static final String EVENT_TIMESTAMP_MODE = "event.timestamp.mode";
    private static final String EVENT_TIMESTAMP_MODE_DOC = "What source.ts_ms of a change event (op c, u, d) says. "
            + "'read': when the connector read the change. 'commit': when SQL Server committed the change's version, from "
            + "sys.dm_tran_commit_table (one more query per page of changes; needs VIEW SERVER STATE, or VIEW DATABASE "
            + "STATE on Azure SQL Database; a version whose commit row is no longer retained keeps the read time). "
            + "Snapshot rows always carry the read time.";
    public static final String EVENT_TIMESTAMP_MODE_DEFAULT = "read";

    /** Internal: the {@code ChangeTrackingDatabaseFactory} class. Tests name an in-memory model here. */
    public static final String DATABASE_FACTORY = "ctsync.database.factory";
    public static final String DATABASE_FACTORY_DEFAULT = "io.ctsync.source.tsql.SqlServerDatabaseFactory";

    public static final ConfigDef CONFIG_DEF = configDef();

    public SourceConnectorConfig(Map<String, String> props) {
        this(CONFIG_DEF, props);
    }

    protected SourceConnectorConfig(ConfigDef def, Map<String, String> props) {
        super(def, props, false);
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    public ConnectionOptions.Settings connection() {
        return ConnectionOptions.Settings.of(this);
    }

    public List<Pattern> tableIncludes() {
        return patterns(TABLE_INCLUDE_LIST);
    }

    public List<Pattern> tableExcludes() {
        return patterns(TABLE_EXCLUDE_LIST);
    }

    public List<Pattern> columnExcludes() {
        return patterns(COLUMN_EXCLUDE_LIST);
    }

    public long tableMonitorIntervalMs() {
        return getLong(TABLE_MONITOR_INTERVAL_MS);
    }

    public SnapshotMode snapshotMode() {
        return SnapshotMode.of(getString(SNAPSHOT_MODE));
    }

    public int snapshotChunkRows() {
        return getInt(SNAPSHOT_CHUNK_ROWS);
    }

    public int batchMaxRows() {
        return getInt(BATCH_MAX_ROWS);
    }

    public long pollIntervalMs() {
        return getLong(POLL_INTERVAL_MS);
    }

    public long heartbeatIntervalMs() {
        return getLong(HEARTBEAT_INTERVAL_MS);
    }

    public RetentionExpiredPolicy retentionExpiredPolicy() {
        return RetentionExpiredPolicy.of(getString(RETENTION_EXPIRED_POLICY));
    }

    public boolean snapshotIsolationRequired() {
        return getBoolean(SNAPSHOT_ISOLATION_REQUIRED);
    }

    /** The change context whose changes are skipped, if configured. */
    public Optional<byte[]> excludedContext() {
        String text = getString(CHANGE_CONTEXT_EXCLUDE).trim();
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        return digits.isEmpty() ? Optional.empty() : Optional.of(HexFormat.of().parseHex(digits));
    }

    public boolean tombstonesOnDelete() {
        return getBoolean(TOMBSTONES_ON_DELETE);
    }

    public DecimalHandlingMode decimalHandlingMode() {
        return DecimalHandlingMode.of(getString(DECIMAL_HANDLING_MODE));
    }

    public TimePrecisionMode timePrecisionMode() {
        return TimePrecisionMode.of(getString(TIME_PRECISION_MODE));
    }

    public BinaryHandlingMode binaryHandlingMode() {
        return BinaryHandlingMode.of(getString(BINARY_HANDLING_MODE));
    }

    public boolean snapshotMarkers() {
        return getBoolean(SNAPSHOT_MARKERS);
    }

    /** Admin client settings for reading partition counts (empty without {@code snapshot.markers.kafka.bootstrap.servers}). */
    public Map<String, Object> markerAdminSettings() {
        return originalsWithPrefix(SNAPSHOT_MARKERS_KAFKA_PREFIX);
    }

    /** The connector's {@code topic.creation.*} settings, without the prefix (Connect's own options). */
    public Map<String, Object> topicCreationSettings() {
        return originalsWithPrefix(TOPIC_CREATION_PREFIX);
    }

    public EventTimestampMode eventTimestampMode() {
        return EventTimestampMode.of(getString(EVENT_TIMESTAMP_MODE));
    }

    public String databaseFactoryClass() {
        return getString(DATABASE_FACTORY);
    }

    /** The configured row filters, by the text after {@link #TABLE_FILTER_PREFIX} ('schema.table' or 'database.schema.table'). */
    public Map<String, String> tableFilters() {
        Map<String, String> filters = new TreeMap<>();
        originalsWithPrefix(TABLE_FILTER_PREFIX).forEach((table, filter) -> filters.put(table, String.valueOf(filter)));
        return filters;
    }

    /** The row filters, and which one governs a table of a database. */
    public RowFilters rowFilters() {
        return new RowFilters(tableFilters());
    }

    /**
     * The row filter of {@code table} of {@code database} (its {@code table.filter.<database>.<schema>.<table>}, else
     * its {@code table.filter.<schema>.<table>}); empty when it has none (or a blank one, which the checks refuse).
     */
    public Optional<RowFilter> rowFilter(String database, TableId table) {
        return rowFilters().of(database, table);
    }

    private List<Pattern> patterns(String option) {
        return getList(option).stream().map(p -> Pattern.compile(p.trim())).toList();
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConnectionOptions.addTo(def, "jdbc:sqlserver://db.example.com:1433;databaseName=sales;encrypt=true");
        def.define(TOPIC_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                Importance.HIGH, TOPIC_PREFIX_DOC, NAMING_GROUP, 1, Width.MEDIUM, "Topic prefix");

        int order = 0;
        def.define(TABLE_INCLUDE_LIST, Type.LIST, "", Validators.regexList(), Importance.HIGH, TABLE_INCLUDE_LIST_DOC,
                        TABLES_GROUP, ++order, Width.LONG, "Include tables")
                .define(TABLE_EXCLUDE_LIST, Type.LIST, "", Validators.regexList(), Importance.MEDIUM, TABLE_EXCLUDE_LIST_DOC,
                        TABLES_GROUP, ++order, Width.LONG, "Exclude tables")
                .define(COLUMN_EXCLUDE_LIST, Type.LIST, "", Validators.regexList(), Importance.MEDIUM,
                        COLUMN_EXCLUDE_LIST_DOC, TABLES_GROUP, ++order, Width.LONG, "Exclude columns")
                .define(TABLE_MONITOR_INTERVAL_MS, Type.LONG, TABLE_MONITOR_INTERVAL_MS_DEFAULT, Range.atLeast(100L),
                        Importance.LOW, TABLE_MONITOR_INTERVAL_MS_DOC, TABLES_GROUP, ++order, Width.SHORT,
                        "Table monitor interval (ms)");

        order = 0;
        def.define(SNAPSHOT_MODE, Type.STRING, SNAPSHOT_MODE_DEFAULT,
                        CaseInsensitiveValidString.in("initial", "never", "when_needed", "initial_only"), Importance.HIGH,
                        SNAPSHOT_MODE_DOC, SNAPSHOT_GROUP, ++order, Width.SHORT, "Snapshot mode")
                .define(SNAPSHOT_CHUNK_ROWS, Type.INT, SNAPSHOT_CHUNK_ROWS_DEFAULT, Range.between(1, 1_000_000),
                        Importance.LOW, SNAPSHOT_CHUNK_ROWS_DOC, SNAPSHOT_GROUP, ++order, Width.SHORT, "Snapshot chunk rows");

        order = 0;
        def.define(BATCH_MAX_ROWS, Type.INT, BATCH_MAX_ROWS_DEFAULT, Range.between(1, 1_000_000), Importance.MEDIUM,
                        BATCH_MAX_ROWS_DOC, CAPTURE_GROUP, ++order, Width.SHORT, "Batch max rows")
                .define(POLL_INTERVAL_MS, Type.LONG, POLL_INTERVAL_MS_DEFAULT, Range.between(0L, 3_600_000L),
                        Importance.MEDIUM, POLL_INTERVAL_MS_DOC, CAPTURE_GROUP, ++order, Width.SHORT, "Poll interval (ms)")
                .define(HEARTBEAT_INTERVAL_MS, Type.LONG, HEARTBEAT_INTERVAL_MS_DEFAULT, Range.between(100L, 86_400_000L),
                        Importance.MEDIUM, HEARTBEAT_INTERVAL_MS_DOC, CAPTURE_GROUP, ++order, Width.SHORT,
                        "Heartbeat interval (ms)")
                .define(RETENTION_EXPIRED_POLICY, Type.STRING, RETENTION_EXPIRED_POLICY_DEFAULT,
                        CaseInsensitiveValidString.in("resnapshot", "fail"), Importance.HIGH, RETENTION_EXPIRED_POLICY_DOC,
                        CAPTURE_GROUP, ++order, Width.SHORT, "Retention expired policy")
                .define(SNAPSHOT_ISOLATION_REQUIRED, Type.BOOLEAN, false, Importance.MEDIUM,
                        SNAPSHOT_ISOLATION_REQUIRED_DOC, CAPTURE_GROUP, ++order, Width.SHORT, "Require snapshot isolation")
                .define(CHANGE_CONTEXT_EXCLUDE, Type.STRING, "", Validators.hexBytes(128), Importance.MEDIUM,
                        CHANGE_CONTEXT_EXCLUDE_DOC, CAPTURE_GROUP, ++order, Width.MEDIUM, "Excluded change context");

        order = 0;
        def.define(TOMBSTONES_ON_DELETE, Type.BOOLEAN, true, Importance.MEDIUM, TOMBSTONES_ON_DELETE_DOC, EVENTS_GROUP,
                        ++order, Width.SHORT, "Tombstones on delete")
                .define(DECIMAL_HANDLING_MODE, Type.STRING, "precise",
                        CaseInsensitiveValidString.in("precise", "double", "string"), Importance.MEDIUM,
                        DECIMAL_HANDLING_MODE_DOC, EVENTS_GROUP, ++order, Width.SHORT, "Decimal handling")
                .define(TIME_PRECISION_MODE, Type.STRING, "adaptive", CaseInsensitiveValidString.in("adaptive", "connect"),
                        Importance.MEDIUM, TIME_PRECISION_MODE_DOC, EVENTS_GROUP, ++order, Width.SHORT, "Time precision")
                .define(BINARY_HANDLING_MODE, Type.STRING, "bytes",
                        CaseInsensitiveValidString.in("bytes", "base64", "base64-url-safe", "hex"), Importance.LOW,
                        BINARY_HANDLING_MODE_DOC, EVENTS_GROUP, ++order, Width.SHORT, "Binary handling")
                .define(EVENT_TIMESTAMP_MODE, Type.STRING, EVENT_TIMESTAMP_MODE_DEFAULT,
                        CaseInsensitiveValidString.in("read", "commit"), Importance.LOW, EVENT_TIMESTAMP_MODE_DOC,
                        EVENTS_GROUP, ++order, Width.SHORT, "Event timestamp");

        order = 0;
        def.define(SNAPSHOT_MARKERS, Type.BOOLEAN, true, Importance.HIGH, SNAPSHOT_MARKERS_DOC, MARKERS_GROUP, ++order,
                        Width.SHORT, "Snapshot markers")
                .define(SNAPSHOT_MARKERS_BOOTSTRAP_SERVERS, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.MEDIUM,
                        SNAPSHOT_MARKERS_BOOTSTRAP_SERVERS_DOC, MARKERS_GROUP, ++order, Width.LONG,
                        "Snapshot markers: Kafka bootstrap servers");

        SignalOptions.addTo(def);
        DatabaseOptions.addTo(def);

        def.defineInternal(DATABASE_FACTORY, Type.STRING, DATABASE_FACTORY_DEFAULT, Importance.LOW);
        return def;
    }
}
