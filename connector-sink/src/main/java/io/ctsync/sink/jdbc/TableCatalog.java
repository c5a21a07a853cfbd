package io.ctsync.sink.jdbc;

import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.schema.TableId;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Target table definitions, read from the catalog once per table and kept until the sink changes the table. */
public final class TableCatalog {

    private final Map<TableId, TableDefinition> tables = new HashMap<>();

    public Optional<TableDefinition> find(JdbcSession session, TableId table) throws SQLException {
        TableDefinition known = tables.get(table);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<TableDefinition> read = session.dialect().readTable(session.connection(), table);
        session.commit();
        read.ifPresent(definition -> tables.put(table, definition));
        return read;
    }

    public Optional<TableDefinition> refresh(JdbcSession session, TableId table) throws SQLException {
        tables.remove(table);
        return find(session, table);
    }

    public void clear() {
        tables.clear();
    }
}
