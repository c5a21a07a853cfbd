package io.ctsync.it.e2e;

import io.ctsync.testkit.db.DatabaseKind;
import io.ctsync.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target side of a pipeline: target tables are named {@code <source database>_<table>}, so several pipelines
 * share one target database. The three related tables are created up front with their foreign keys (as an operator
 * would, so the version gate keeps its versions in the sink's state table); the sink creates the others itself
 * (with its version column).
 */
final class TargetTables {

    private final TestDatabase db;
    private final String prefix;

    TargetTables(TestDatabase db, String sourceDatabase) {
        this.db = db;
        this.prefix = sourceDatabase + "_";
    }

    TestDatabase db() {
        return db;
    }

    String name(String sourceTable) {
        return prefix + sourceTable;
    }

    /** The JDBC URL the sink writes with: SQLite checks foreign keys only when the connection asks for it. */
    String sinkUrl() {
        return db.kind() == DatabaseKind.SQLITE ? db.jdbcUrl() + "?foreign_keys=true" : db.jdbcUrl();
    }

    void createRelatedTables() {
        String decimal = db.kind() == DatabaseKind.SQLITE ? "TEXT" : "DECIMAL";
        String customers = quote(name(SourceTables.CUSTOMERS));
        String orders = quote(name(SourceTables.ORDERS));
        String lines = quote(name(SourceTables.LINES));
        db.execute(
                "CREATE TABLE " + customers + " (" + quote("id") + " INT NOT NULL PRIMARY KEY, " + quote("name")
                        + " VARCHAR(200), " + quote("tier") + " SMALLINT, " + quote("balance") + " "
                        + (db.kind() == DatabaseKind.SQLITE ? "TEXT" : "DECIMAL(19,4)") + ", " + quote("updated") + " "
                        + timestamp(3) + ")" + engine(),
                "CREATE TABLE " + orders + " (" + quote("id") + " INT NOT NULL PRIMARY KEY, " + quote("customer_id")
                        + " INT NOT NULL, " + quote("status") + " VARCHAR(20), " + quote("total") + " "
                        + (db.kind() == DatabaseKind.SQLITE ? decimal : "DECIMAL(12,2)") + ", " + quote("placed") + " "
                        + timestamp(6) + ", FOREIGN KEY (" + quote("customer_id") + ") REFERENCES " + customers + " ("
                        + quote("id") + "))" + engine(),
                "CREATE TABLE " + lines + " (" + quote("order_id") + " INT NOT NULL, " + quote("line_no")
                        + " INT NOT NULL, " + quote("sku") + " VARCHAR(8), " + quote("qty") + " SMALLINT, " + quote("price")
                        + " " + (db.kind() == DatabaseKind.SQLITE ? decimal : "DECIMAL(10,2)") + ", PRIMARY KEY ("
                        + quote("order_id") + ", " + quote("line_no") + "), FOREIGN KEY (" + quote("order_id")
                        + ") REFERENCES " + orders + " (" + quote("id") + "))" + engine());
    }

    private String timestamp(int digits) {
        return switch (db.kind()) {
            case POSTGRESQL -> "TIMESTAMP(" + digits + ")";
            case MARIADB -> "DATETIME(" + digits + ")";
            default -> "TEXT";
        };
    }

    private String engine() {
        return db.kind() == DatabaseKind.MARIADB ? " ENGINE=InnoDB" : "";
    }

    String quote(String identifier) {
        return switch (db.kind()) {
            case MARIADB -> "`" + identifier + "`";
            case SQLSERVER -> "[" + identifier + "]";
            default -> "\"" + identifier + "\"";
        };
    }

    /** Every row of a target table, each as column → raw JDBC value (bytes for binary columns); none if it is absent. */
    List<Map<String, Object>> rows(String sourceTable) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            ResultSet rs;
            try {
                rs = s.executeQuery("SELECT " + selectList(s, name(sourceTable)) + " FROM " + quote(name(sourceTable)));
            } catch (SQLException missing) {
                return rows;
            }
            try (rs) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        if (value instanceof java.sql.Blob blob) {
                            value = blob.getBytes(1, (int) blob.length());
                        } else if (value != null && db.kind() == DatabaseKind.MARIADB && (value instanceof java.time.LocalDateTime
                                || value instanceof java.sql.Timestamp)) {
                            // MariaDB Connector/J 3.5's getString drops leading zeros of a DATETIME(3) fraction
                            // (.089 reads as .89000); the value itself is right. Its getObject gives a Timestamp.
                            value = rs.getObject(i, java.time.LocalDateTime.class).toString();
                        } else if (value != null && db.kind() == DatabaseKind.MARIADB && "TIME".equals(meta.getColumnTypeName(i))) {
                            value = rs.getObject(i, java.time.LocalTime.class).toString();
                        } else if (value != null && db.kind() == DatabaseKind.POSTGRESQL
                                && "timestamptz".equals(meta.getColumnTypeName(i))) {
                            value = rs.getObject(i, java.time.OffsetDateTime.class);
                        } else if (value != null && !(value instanceof byte[]) && !(value instanceof Number)
                                && !(value instanceof Boolean)) {
                            value = rs.getString(i);
                        }
                        row.put(meta.getColumnLabel(i), value);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /**
     * {@code *}, except on MariaDB, whose text protocol sends a FLOAT with 6 significant digits (-2.60823E7 for the
     * stored -26082342): those columns are read as DOUBLE, which holds the stored single-precision value exactly.
     */
    private String selectList(Statement s, String table) throws SQLException {
        if (db.kind() != DatabaseKind.MARIADB) {
            return "*";
        }
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + quote(table) + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String column = quote(meta.getColumnLabel(i));
                columns.add("FLOAT".equalsIgnoreCase(meta.getColumnTypeName(i))
                        ? "CAST(" + column + " AS DOUBLE) AS " + column : column);
            }
        }
        return String.join(", ", columns);
    }

    long count(String sourceTable) {
        try {
            return rows(sourceTable).size();
        } catch (SQLException e) {
            return -1;
        }
    }
}
