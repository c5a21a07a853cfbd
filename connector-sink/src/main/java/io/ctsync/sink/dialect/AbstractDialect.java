package io.ctsync.sink.dialect;

import io.ctsync.sink.schema.ColumnInfo;
import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.schema.TableId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/** What most databases share: catalog reading through {@link DatabaseMetaData}, standard DDL and binding. */
abstract class AbstractDialect implements Dialect {

    @Override
    public Properties connectionProperties(String url) {
        return new Properties();
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The catalog argument of {@link DatabaseMetaData} calls for a table (MariaDB: the database). */
    protected String metadataCatalog(Connection connection, TableId table) throws SQLException {
        return null;
    }

    /** The schema argument of {@link DatabaseMetaData} calls for a table. */
    protected String metadataSchema(Connection connection, TableId table) throws SQLException {
        return table.schema() != null ? table.schema() : connection.getSchema();
    }

    @Override
    public Optional<TableDefinition> readTable(Connection connection, TableId table) throws SQLException {
        // A table created unquoted may have been folded to lower or upper case; match it under any of the three.
        for (String name : new String[] {table.table(), table.table().toLowerCase(Locale.ROOT),
                table.table().toUpperCase(Locale.ROOT)}) {
            TableId candidate = new TableId(table.schema(), name);
            Optional<TableDefinition> found = readExactly(connection, candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<TableDefinition> readExactly(Connection connection, TableId table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = metadataCatalog(connection, table);
        String schema = metadataSchema(connection, table);
        List<ColumnInfo> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(catalog, escape(meta, schema), escape(meta, table.table()), "%")) {
            while (rs.next()) {
                if (table.table().equals(rs.getString("TABLE_NAME"))) {
                    columns.add(new ColumnInfo(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"),
                            rs.getInt("COLUMN_SIZE"), rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
                }
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, String> keyBySeq = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table.table())) {
            while (rs.next()) {
                keyBySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        List<String> primaryKey = List.copyOf(keyBySeq.values());
        return Optional.of(new TableDefinition(table, columns, primaryKey, otherUniqueIndexes(meta, catalog, schema, table,
                primaryKey)));
    }

    private static List<String> otherUniqueIndexes(DatabaseMetaData meta, String catalog, String schema, TableId table,
                                                   List<String> primaryKey) throws SQLException {
        Map<String, Set<String>> columnsByIndex = new LinkedHashMap<>();
        try (ResultSet rs = meta.getIndexInfo(catalog, schema, table.table(), true, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index != null && column != null && !rs.getBoolean("NON_UNIQUE")) {
                    columnsByIndex.computeIfAbsent(index, i -> new HashSet<>()).add(column);
                }
            }
        }
        Set<String> keySet = new HashSet<>(primaryKey);
        return columnsByIndex.entrySet().stream().filter(e -> !e.getValue().equals(keySet)).map(Map.Entry::getKey).toList();
    }

    private static String escape(DatabaseMetaData meta, String pattern) throws SQLException {
        if (pattern == null) {
            return null;
        }
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return pattern;
        }
        return pattern.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    @Override
    public String createTable(TableId table, List<ColumnSpec> columns, List<String> keyColumns) {
        return "CREATE TABLE IF NOT EXISTS " + qualified(table) + " (" + columnsAndKey(columns, keyColumns) + ")";
    }

    /** {@code "a" type NOT NULL, ..., PRIMARY KEY ("a")}. */
    protected String columnsAndKey(List<ColumnSpec> columns, List<String> keyColumns) {
        StringBuilder sql = new StringBuilder();
        for (ColumnSpec column : columns) {
            boolean key = keyColumns.contains(column.name());
            sql.append(quote(column.name())).append(' ').append(sqlType(column.type(), key))
                    .append(column.nullable() && !key ? " NULL" : " NOT NULL").append(", ");
        }
        sql.append("PRIMARY KEY (");
        for (int i = 0; i < keyColumns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(keyColumns.get(i)));
        }
        return sql.append(')').toString();
    }

    @Override
    public String addColumn(TableId table, ColumnSpec column) {
        return "ALTER TABLE " + qualified(table) + " ADD COLUMN " + quote(column.name()) + " " + sqlType(column.type(), false)
                + " NULL";
    }

    @Override
    public void bind(PreparedStatement statement, int index, FieldType type, Object value) throws SQLException {
        switch (type.kind()) {
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case INT8, INT16 -> statement.setShort(index, ((Number) value).shortValue());
            case INT32 -> statement.setInt(index, ((Number) value).intValue());
            case INT64 -> statement.setLong(index, ((Number) value).longValue());
            case FLOAT32 -> statement.setFloat(index, ((Number) value).floatValue());
            case FLOAT64 -> statement.setDouble(index, ((Number) value).doubleValue());
            case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case STRING, JSON, XML -> statement.setString(index, (String) value);
            case BYTES -> statement.setBytes(index, (byte[]) value);
            case UUID -> statement.setString(index, value.toString());
            default -> statement.setObject(index, value);
        }
    }

    /** Precision of fractional seconds, capped at what the database keeps. */
    protected static int fraction(FieldType type, int max) {
        return type.hasPrecision() ? Math.min(type.precision(), max) : max;
    }
}
