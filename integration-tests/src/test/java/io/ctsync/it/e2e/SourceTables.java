package io.ctsync.it.e2e;

import io.ctsync.source.ctmodel.ModelColumn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source tables of the end-to-end suite: three related tables
 * (customers ← orders ← order_lines, foreign keys declared on the target), a leaf table for primary-key updates, and
 * one table with a column of every type the source connector captures.
 */
final class SourceTables {

    static final String SCHEMA = "dbo";
    static final String CUSTOMERS = "customers";
    static final String ORDERS = "orders";
    static final String LINES = "order_lines";
    static final String ITEMS = "items";
    static final String TYPES = "all_types";

    /** Table → its columns in order; key columns carry a key ordinal. Parents before children. */
    private final Map<String, List<ModelColumn>> definitions = definitions();
    private final SourceDatabase database;

    private SourceTables(SourceDatabase database) {
        this.database = database;
    }

    private static Map<String, List<ModelColumn>> definitions() {
        Map<String, List<ModelColumn>> tables = new LinkedHashMap<>();
        tables.put(CUSTOMERS, List.of(ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 60),
                ModelColumn.of("tier", "tinyint"), ModelColumn.of("balance", "money"),
                ModelColumn.sized("updated", "datetime2", 3)));
        tables.put(ORDERS, List.of(ModelColumn.key("id", "int"),
                new ModelColumn("customer_id", "int", 0, 0, 0, false, 0), ModelColumn.sized("status", "varchar", 20),
                ModelColumn.decimal("total", 12, 2), ModelColumn.sized("placed", "datetime2", 7)));
        tables.put(LINES, List.of(ModelColumn.key("order_id", "int", 1), ModelColumn.key("line_no", "int", 2),
                ModelColumn.sized("sku", "char", 8), ModelColumn.of("qty", "smallint"), ModelColumn.decimal("price", 10, 2)));
        tables.put(ITEMS, List.of(ModelColumn.key("id", "int"), ModelColumn.sized("code", "varchar", 20),
                ModelColumn.sized("note", "nvarchar", 200), ModelColumn.of("weight", "float")));
        tables.put(TYPES, List.of(ModelColumn.key("id", "int"),
                ModelColumn.of("c_bit", "bit"), ModelColumn.of("c_tinyint", "tinyint"), ModelColumn.of("c_smallint", "smallint"),
                ModelColumn.of("c_int", "int"), ModelColumn.of("c_bigint", "bigint"), ModelColumn.of("c_real", "real"),
                ModelColumn.of("c_float", "float"), ModelColumn.decimal("c_decimal", 18, 4),
                new ModelColumn("c_numeric", "numeric", 0, 10, 0, true, 0),
                ModelColumn.of("c_money", "money"), ModelColumn.of("c_smallmoney", "smallmoney"),
                ModelColumn.sized("c_char", "char", 10), ModelColumn.sized("c_varchar", "varchar", 50),
                ModelColumn.of("c_text", "text"), ModelColumn.sized("c_nchar", "nchar", 10),
                ModelColumn.sized("c_nvarchar", "nvarchar", 50), ModelColumn.of("c_ntext", "ntext"),
                ModelColumn.of("c_xml", "xml"), ModelColumn.of("c_guid", "uniqueidentifier"),
                ModelColumn.of("c_date", "date"), ModelColumn.sized("c_time", "time", 7), ModelColumn.sized("c_time3", "time", 3),
                ModelColumn.of("c_datetime", "datetime"), ModelColumn.of("c_smalldatetime", "smalldatetime"),
                ModelColumn.sized("c_datetime2", "datetime2", 7), ModelColumn.sized("c_datetime2_3", "datetime2", 3),
                ModelColumn.sized("c_dto", "datetimeoffset", 7), ModelColumn.sized("c_binary", "binary", 8),
                ModelColumn.sized("c_varbinary", "varbinary", 64), ModelColumn.of("c_image", "image")));
        return tables;
    }

    /** Creates and tracks every table; orders and items track the columns updated. */
    static SourceTables create(SourceDatabase database) {
        SourceTables tables = new SourceTables(database);
        tables.definitions.forEach((table, columns) ->
                database.createTrackedTable(table, columns, table.equals(ORDERS) || table.equals(ITEMS)));
        return tables;
    }

    SourceDatabase database() {
        return database;
    }

    List<String> tables() {
        return List.copyOf(definitions.keySet());
    }

    synchronized List<ModelColumn> columns(String table) {
        return definitions.get(table);
    }

    List<String> keyColumns(String table) {
        return columns(table).stream().filter(c -> c.keyOrdinal() > 0).map(ModelColumn::name).toList();
    }

    /** {@code ALTER TABLE ... ADD column} in the source; the workload fills it from then on. */
    synchronized void addColumn(String table, ModelColumn column) {
        database.addColumn(table, column);
        List<ModelColumn> columns = new java.util.ArrayList<>(definitions.get(table));
        columns.add(column);
        definitions.put(table, List.copyOf(columns));
    }
}
