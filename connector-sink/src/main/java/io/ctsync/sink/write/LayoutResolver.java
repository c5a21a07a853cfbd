package io.ctsync.sink.write;

import io.ctsync.sink.config.SchemaEvolution;
import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.failure.StructuralFailure;
import io.ctsync.sink.gate.GatePolicy;
import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.jdbc.TableCatalog;
import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.row.ColumnBinding;
import io.ctsync.sink.row.ColumnBindings;
import io.ctsync.sink.row.RowLayout;
import io.ctsync.sink.schema.ColumnInfo;
import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.state.StateStore;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works out the {@link RowLayout} of an event: the columns its key and row schemas need, the target table as it is
 * (created or widened when {@code schema.evolution=basic}), where versions live, and the statements. Done once per
 * table and schema pair; every later event with the same schemas reuses it.
 */
final class LayoutResolver {

    private static final Logger LOG = LoggerFactory.getLogger(LayoutResolver.class);
    private static final int MAX_LAYOUTS = 1_000;

    private final Dialect dialect;
    private final TableCatalog catalog;
    private final SchemaEvolution evolution;
    private final GatePolicy gate;
    private final String versionColumn;
    private final ColumnBindings columns;
    private final Map<LayoutKey, RowLayout> layouts = new HashMap<>();
    private final Set<TableId> reportedStateVersions = new HashSet<>();

    public LayoutResolver(Dialect dialect, TableCatalog catalog, SchemaEvolution evolution, GatePolicy gate,
                          List<String> primaryKeyFields) {
        this.dialect = dialect;
        this.catalog = catalog;
        this.evolution = evolution;
        this.gate = gate;
        this.versionColumn = gate.versionColumn();
        this.columns = new ColumnBindings(dialect, primaryKeyFields);
    }

    /** The layout of an event, or null when there is nothing to write (a tombstone for a table that does not exist). */
    public RowLayout resolve(JdbcSession session, ChangeEvent event) throws SQLException {
        SinkRecord record = event.record();
        Schema rowSchema = event.row() == null ? null : event.row().schema();
        LayoutKey cacheKey = new LayoutKey(event.table(), record.keySchema(), rowSchema);
        RowLayout layout = layouts.get(cacheKey);
        if (layout == null) {
            layout = build(session, event, rowSchema);
            if (layout == null) {
                return null;
            }
            if (layouts.size() >= MAX_LAYOUTS) {
                layouts.clear();
            }
            layouts.put(cacheKey, layout);
        }
        return layout;
    }

    /** Forgets layouts and table definitions, e.g. after a target table changed under the sink. */
    public void clear() {
        layouts.clear();
        catalog.clear();
    }

    private RowLayout build(JdbcSession session, ChangeEvent event, Schema rowSchema) throws SQLException {
        TableId table = event.table();
        List<ColumnBinding> key = columns.key(event, rowSchema);
        Set<String> keyNames = key.stream().map(c -> c.column().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<ColumnBinding> values = columns.values(event, rowSchema, keyNames);

        Optional<TableDefinition> found = catalog.find(session, table);
        if (found.isEmpty()) {
            if (evolution == SchemaEvolution.NONE) {
                throw new StructuralFailure(event.record(), table, null, "the table does not exist and "
                        + "schema.evolution=none; create it, or set schema.evolution=basic", null);
            }
            if (rowSchema == null) {
                return null;
            }
            boolean withVersion = gate.createsVersionColumn(event);
            found = Optional.of(createTable(session, event, key, values, withVersion));
        }
        TableDefinition definition = addMissingColumns(session, event, found.get(), key, values);
        String version = versionColumn(session, event, definition);
        definition = catalog.find(session, definition.id()).orElseThrow();
        checkKey(event, definition, key);
        Optional<String> problem = dialect.upsertProblem(definition);
        if (problem.isPresent()) {
            throw new StructuralFailure(event.record(), definition.id(), null, problem.get(), null);
        }
        TableDefinition finalDefinition = definition;
        boolean stateVersions = gate.versionsInStateTable(version);
        if (stateVersions && event.version() != null && reportedStateVersions.add(table)) {
            LOG.info("Table {} has no column {}: its applied versions are kept in the sink state table", table, versionColumn);
        }
        return new RowLayout(dialect, definition, StateStore.tableName(definition.id()),
                key.stream().map(c -> actual(finalDefinition, c)).toList(),
                values.stream().filter(c -> version == null || !c.column().equalsIgnoreCase(version))
                        .map(c -> actual(finalDefinition, c)).toList(),
                version, stateVersions);
    }

    private TableDefinition createTable(JdbcSession session, ChangeEvent event, List<ColumnBinding> key,
                                        List<ColumnBinding> values, boolean withVersion) throws SQLException {
        List<ColumnSpec> columns = new ArrayList<>();
        key.forEach(c -> columns.add(new ColumnSpec(c.column(), c.type(), false)));
        for (ColumnBinding c : values) {
            if (!(withVersion && c.column().equalsIgnoreCase(versionColumn))) {
                columns.add(new ColumnSpec(c.column(), c.type(), c.field().schema().isOptional()));
            }
        }
        if (withVersion) {
            columns.add(new ColumnSpec(versionColumn, RowLayout.versionType(), true));
        }
        String sql = dialect.createTable(event.table(), columns, key.stream().map(ColumnBinding::column).toList());
        return evolve(session, event, sql, event.table(), "created table " + event.table() + " with " + columns.size() + " columns",
                definition -> true);
    }

    private TableDefinition addMissingColumns(JdbcSession session, ChangeEvent event, TableDefinition definition,
                                              List<ColumnBinding> key, List<ColumnBinding> values) throws SQLException {
        for (ColumnBinding column : key) {
            if (definition.column(column.column()).isEmpty()) {
                throw new StructuralFailure(event.record(), definition.id(), column.column(), "the key column does not "
                        + "exist in the target table; the sink never adds key columns", null);
            }
        }
        for (ColumnBinding column : values) {
            if (definition.column(column.column()).isPresent()) {
                continue;
            }
            if (evolution == SchemaEvolution.NONE) {
                throw new StructuralFailure(event.record(), definition.id(), column.column(), "the column does not exist "
                        + "and schema.evolution=none; add it (" + dialect.sqlType(column.type(), false)
                        + "), or set schema.evolution=basic", null);
            }
            String sql = dialect.addColumn(definition.id(), new ColumnSpec(column.column(), column.type(), true));
            definition = evolve(session, event, sql, definition.id(), "added column " + column.column() + " to "
                    + definition.id(), d -> d.column(column.column()).isPresent());
        }
        return definition;
    }

    /** The version column to gate on, or null when versions live in the state table (or nowhere). */
    private String versionColumn(JdbcSession session, ChangeEvent event, TableDefinition definition) throws SQLException {
        String existing = gate.existingVersionColumn(definition);
        if (existing != null || !gate.requiresVersionColumn()) {
            return existing;
        }
        if (evolution == SchemaEvolution.NONE) {
            throw new StructuralFailure(event.record(), definition.id(), versionColumn, "sync.version.mode=column but the "
                    + "table has no version column and schema.evolution=none; add it (" + dialect.sqlType(RowLayout.versionType(),
                    false) + " NULL), or use sync.version.mode=table", null);
        }
        String sql = dialect.addColumn(definition.id(), new ColumnSpec(versionColumn, RowLayout.versionType(), true));
        TableDefinition widened = evolve(session, event, sql, definition.id(), "added version column " + versionColumn
                + " to " + definition.id(), d -> d.column(versionColumn).isPresent());
        return widened.column(versionColumn).orElseThrow().name();
    }

    private void checkKey(ChangeEvent event, TableDefinition definition, List<ColumnBinding> key) {
        Set<String> wanted = key.stream().map(c -> c.column().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> actual = definition.primaryKey().stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (!wanted.equals(actual)) {
            throw new StructuralFailure(event.record(), definition.id(), null, (actual.isEmpty() ? "the table has no "
                    + "primary key" : "the table's primary key " + definition.primaryKey()) + " does not match the key "
                    + "columns " + key.stream().map(ColumnBinding::column).toList() + " of the records; the upsert needs "
                    + "them to be the same (or set primary.key.fields)", null);
        }
    }

    private TableDefinition evolve(JdbcSession session, ChangeEvent event, String sql, TableId table, String what,
                                   java.util.function.Predicate<TableDefinition> done) throws SQLException {
        try (Statement statement = session.connection().createStatement()) {
            statement.execute(sql);
            session.commit();
            LOG.info("Schema evolution: {} ({})", what, sql);
        } catch (SQLException e) {
            session.rollbackQuietly();
            // Another task may have made the same change first.
            Optional<TableDefinition> now = catalog.refresh(session, table);
            if (now.isPresent() && done.test(now.get())) {
                return now.get();
            }
            throw e;
        }
        return catalog.refresh(session, table).orElseThrow(() -> new StructuralFailure(event.record(), table, null,
                "the table is still missing after " + sql, null));
    }

    private static ColumnBinding actual(TableDefinition definition, ColumnBinding binding) {
        String name = definition.column(binding.column()).map(ColumnInfo::name).orElse(binding.column());
        return name.equals(binding.column()) ? binding
                : new ColumnBinding(name, binding.source(), binding.field(), binding.type(), binding.converter());
    }

    /** Table plus schema instances, compared by identity: converters hand out the same schema object per schema. */
    private record LayoutKey(TableId table, Schema keySchema, Schema rowSchema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof LayoutKey other && table.equals(other.table) && keySchema == other.keySchema
                    && rowSchema == other.rowSchema;
        }

        @Override
        public int hashCode() {
            return table.hashCode() * 31 + System.identityHashCode(keySchema) * 17 + System.identityHashCode(rowSchema);
        }
    }
}
