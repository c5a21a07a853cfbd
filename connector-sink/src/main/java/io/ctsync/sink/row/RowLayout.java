package io.ctsync.sink.row;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.dialect.StagedUpsert;
import io.ctsync.sink.failure.RecordFailure;
import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.Kind;
import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.schema.TableId;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the events of one key/row schema are written to one table: the key and value columns with their bindings,
 * where versions are kept, and the upsert and delete statements. Built once per (table, key schema, row schema).
 */
public final class RowLayout {

    private static final FieldType VERSION_TYPE = FieldType.of(Kind.INT64);
    /** Names the staging tables of layouts apart within a session (a layout's columns are fixed). */
    private static final AtomicLong STAGING_IDS = new AtomicLong();

    private final TableDefinition table;
    private final String stateName;
    private final ColumnBinding[] key;
    private final ColumnBinding[] values;
    private final String versionColumn;
    private final boolean stateVersions;
    private final String upsertSql;
    private final String deleteSql;
    private final String ungatedDeleteSql;
    private final Dialect dialect;
    private final List<String> keyColumns;
    private final Map<List<String>, String> gatedUpdateSql = new HashMap<>();
    private final Map<List<String>, String> ungatedUpdateSql = new HashMap<>();
    private final Map<Integer, String> multiRowUpsertSql = new HashMap<>();
    private final int upsertRowsPerStatement;
    private final String stagingTable = "ctsync_stage_" + STAGING_IDS.incrementAndGet();
    private String stagingDdl;
    private String upsertFromStagingSql;

    public RowLayout(Dialect dialect, TableDefinition table, String stateName, List<ColumnBinding> key, List<ColumnBinding> values,
              String versionColumn, boolean stateVersions) {
        this.table = table;
        this.stateName = stateName;
        this.key = key.toArray(ColumnBinding[]::new);
        this.values = values.toArray(ColumnBinding[]::new);
        this.versionColumn = versionColumn;
        this.stateVersions = stateVersions;
        this.dialect = dialect;
        this.keyColumns = key.stream().map(ColumnBinding::column).toList();
        this.upsertSql = dialect.upsert(table, keyColumns, values.stream().map(ColumnBinding::column).toList(), versionColumn);
        this.deleteSql = dialect.delete(table, keyColumns, versionColumn);
        this.ungatedDeleteSql = versionColumn == null ? deleteSql : dialect.delete(table, keyColumns, null);
        this.upsertRowsPerStatement = dialect.upsertRowsPerStatement(key.size() + values.size() + (versionColumn == null ? 0 : 1));
    }

    public TableId tableId() {
        return table.id();
    }

    public TableDefinition definition() {
        return table;
    }

    /** The target table's name in the state table. */
    public String stateName() {
        return stateName;
    }

    /** True when applied versions of this table live in the state table rather than in a column. */
    public boolean stateVersions() {
        return stateVersions;
    }

    public boolean versionColumn() {
        return versionColumn != null;
    }

    /**
     * True when the statement of this event checks its version in SQL: the layout has a version column (the gate's
     * {@code GatePolicy} chose it) and the event carries a version.
     */
    public boolean gatesInSql(ChangeEvent event) {
        return versionColumn != null && event.version() != null;
    }

    /** The key columns, as the target spells them. */
    public List<String> keyColumns() {
        return keyColumns;
    }

    /** The type of the i-th key column, to bind its value. */
    public io.ctsync.sink.schema.FieldType keyType(int i) {
        return key[i].type();
    }

    /** The value columns the sink writes (not the key, not the version column), as the target spells them. */
    public List<String> valueColumns() {
        return Arrays.stream(values).map(ColumnBinding::column).toList();
    }

    /** The value column of this name (exactly, else ignoring case), or null. */
    public String valueColumn(String name) {
        for (ColumnBinding column : values) {
            if (column.column().equals(name)) {
                return column.column();
            }
        }
        for (ColumnBinding column : values) {
            if (column.column().equalsIgnoreCase(name)) {
                return column.column();
            }
        }
        return null;
    }

    /** The converted value an upsert writes to a value column, or null. */
    public Object value(ChangeEvent event, String column) {
        for (ColumnBinding binding : values) {
            if (binding.column().equals(column)) {
                return event.row() == null ? null : binding.value(event.record().key(), event.row());
            }
        }
        return null;
    }

    /**
     * The update of only these value columns of an existing row (a merge), version-gated like the upsert; an
     * unversioned event leaves the version column alone.
     */
    public String updateSql(List<String> columns, ChangeEvent event) {
        boolean gated = gatesInSql(event);
        return (gated ? gatedUpdateSql : ungatedUpdateSql).computeIfAbsent(columns,
                c -> dialect.update(table, keyColumns, c, gated ? versionColumn : null));
    }

    /** The most rows of this layout one upsert statement carries (1: a JDBC batch of one-row upserts). */
    public int upsertRowsPerStatement() {
        return upsertRowsPerStatement;
    }

    /** The upsert of {@code rows} rows in one statement, parameters bound row after row with {@link #bind}. */
    public String upsertSql(int rows) {
        return rows == 1 ? upsertSql : multiRowUpsertSql.computeIfAbsent(rows, n -> dialect.upsert(table.id(), keyColumns,
                Arrays.stream(values).map(ColumnBinding::column).toList(), versionColumn, n));
    }

    /** The session's staging table for this layout's upserts ({@link StagedUpsert}). */
    public String stagingTable() {
        return stagingTable;
    }

    /** The DDL of {@link #stagingTable()}: the key, value and version columns. */
    public String stagingDdl(StagedUpsert staged) {
        if (stagingDdl == null) {
            List<FieldType> types = new ArrayList<>();
            Arrays.stream(key).forEach(c -> types.add(c.type()));
            Arrays.stream(values).forEach(c -> types.add(c.type()));
            if (versionColumn != null) {
                types.add(VERSION_TYPE);
            }
            stagingDdl = staged.createStaging(stagingTable, stagedColumns(), types);
        }
        return stagingDdl;
    }

    /** The key, value and version columns in the order {@link #appendStaged} writes them. */
    public List<String> stagedColumns() {
        List<String> columns = new ArrayList<>(keyColumns);
        columns.addAll(valueColumns());
        if (versionColumn != null) {
            columns.add(versionColumn);
        }
        return columns;
    }

    /** The gated upsert of the target from {@link #stagingTable()}. */
    public String upsertFromStagingSql(StagedUpsert staged) {
        if (upsertFromStagingSql == null) {
            upsertFromStagingSql = staged.upsertFromStaging(table.id(), stagingTable, keyColumns, valueColumns(), versionColumn);
        }
        return upsertFromStagingSql;
    }

    /**
     * Appends a whole-row upsert in the staged load format; false when one of its values cannot be staged exactly
     * (what was appended is then to be discarded).
     */
    public boolean appendStaged(StagedUpsert staged, StringBuilder out, PendingRow row) {
        for (int i = 0; i < key.length; i++) {
            if (i > 0) {
                out.append(staged.fieldSeparator());
            }
            if (!staged.appendValue(out, key[i].type(), row.key()[i])) {
                return false;
            }
        }
        Object recordKey = row.event().record().key();
        for (ColumnBinding column : values) {
            out.append(staged.fieldSeparator());
            if (!staged.appendValue(out, column.type(), column.value(recordKey, row.event().row()))) {
                return false;
            }
        }
        if (versionColumn != null) {
            out.append(staged.fieldSeparator());
            staged.appendValue(out, VERSION_TYPE, row.event().version());
        }
        out.append(staged.rowSeparator());
        return true;
    }

    public String sqlFor(ChangeEvent event) {
        if (!event.isDelete()) {
            return upsertSql;
        }
        return event.version() == null ? ungatedDeleteSql : deleteSql;
    }

    /** The converted key values of an event; every one must be present. */
    public Object[] keyValues(ChangeEvent event) {
        Object[] out = new Object[key.length];
        Object recordKey = event.record().key();
        for (int i = 0; i < key.length; i++) {
            ColumnBinding column = key[i];
            if (column.source() != ColumnBinding.Source.ROW && recordKey == null) {
                throw new RecordFailure(event.record(), table.id(), column.column(), "the record has no key; set "
                        + "primary.key.fields to take the key from the row, or give the records a key", null);
            }
            Object value = column.value(recordKey, event.row());
            if (value == null) {
                throw new RecordFailure(event.record(), table.id(), column.column(), "the key column has no value "
                        + (column.source() == ColumnBinding.Source.ROW && event.row() == null
                        ? "(the event carries no row to take it from)" : "(null)"), null);
            }
            out[i] = value;
        }
        return out;
    }

    /** Binds one pending row to the statement of {@link PendingRow#sql()}. */
    public void bind(Dialect dialect, PreparedStatement statement, PendingRow row) throws SQLException {
        if (row.onlyColumns() != null) {
            bindUpdate(dialect, statement, row);
            return;
        }
        int index = bind(dialect, statement, row, 1);
        int sets = row.event().isDelete() ? 1 : dialect.upsertParameterSets(valueColumns(), versionColumn);
        for (int set = 1; set < sets; set++) {
            index = bind(dialect, statement, row, index);
        }
    }

    /** Binds an upsert or delete from parameter {@code index} on; returns the index after its parameters. */
    public int bind(Dialect dialect, PreparedStatement statement, PendingRow row, int index) throws SQLException {
        for (int i = 0; i < key.length; i++) {
            dialect.bind(statement, index++, key[i].type(), row.key()[i]);
        }
        ChangeEvent event = row.event();
        if (!event.isDelete()) {
            Object recordKey = event.record().key();
            for (ColumnBinding column : values) {
                Object value = column.value(recordKey, event.row());
                if (value == null) {
                    dialect.bindNull(statement, index++, column.type());
                } else {
                    dialect.bind(statement, index++, column.type(), value);
                }
            }
            if (versionColumn != null) {
                bindVersion(statement, index++, event.version());
            }
        } else if (versionColumn != null && event.version() != null) {
            statement.setLong(index++, event.version());
        }
        return index;
    }

    private void bindUpdate(Dialect dialect, PreparedStatement statement, PendingRow row) throws SQLException {
        int index = 1;
        Object recordKey = row.event().record().key();
        for (String name : row.onlyColumns()) {
            for (ColumnBinding column : values) {
                if (column.column().equals(name)) {
                    Object value = column.value(recordKey, row.event().row());
                    if (value == null) {
                        dialect.bindNull(statement, index++, column.type());
                    } else {
                        dialect.bind(statement, index++, column.type(), value);
                    }
                }
            }
        }
        boolean gated = gatesInSql(row.event());
        if (gated) {
            statement.setLong(index++, row.event().version());
        }
        for (int i = 0; i < key.length; i++) {
            dialect.bind(statement, index++, key[i].type(), row.key()[i]);
        }
        if (gated) {
            statement.setLong(index, row.event().version());
        }
    }

    private static void bindVersion(PreparedStatement statement, int index, Long version) throws SQLException {
        if (version == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, version);
        }
    }

    /** The value columns with their converted values of an upsert: for explaining a failure. */
    List<Object[]> describeValues(ChangeEvent event) {
        Object recordKey = event.record().key();
        return Arrays.stream(values).map(c -> new Object[] {c.column(), c.type(), c.value(recordKey, event.row())})
                .toList();
    }

    public static FieldType versionType() {
        return VERSION_TYPE;
    }
}
