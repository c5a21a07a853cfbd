package io.ctsync.sink.testing;

import io.ctsync.sink.JdbcSinkConnector;
import io.ctsync.testkit.db.DatabaseKind;
import io.ctsync.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The target database of a sink test: connector configuration for it, and what its tables hold. */
public final class Target {

    private final TestDatabase db;

    public Target(TestDatabase db) {
        this.db = db;
    }

    public TestDatabase db() {
        return db;
    }

    public DatabaseKind kind() {
        return db.kind();
    }

    public String quote(String identifier) {
        return switch (db.kind()) {
            case MARIADB -> "`" + identifier + "`";
            case SQLSERVER -> "[" + identifier + "]";
            default -> "\"" + identifier + "\"";
        };
    }

    /** A sink reading {@code topics} into this database, one task, writing to the table named like the topic. */
    public Map<String, String> sinkConfig(String topics) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topics);
        config.put("connection.url", db.jdbcUrl());
        if (db.user() != null) {
            config.put("connection.user", db.user());
        }
        if (db.password() != null) {
            config.put("connection.password", db.password());
        }
        config.put("retry.backoff.ms", "200");
        config.put("consumer.override.auto.offset.reset", "earliest");
        return config;
    }

    public boolean exists(String table) {
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + quote(table) + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public long count(String table) {
        return exists(table) ? ((Number) db.value("SELECT COUNT(*) FROM " + quote(table))).longValue() : -1;
    }

    /** id → the text of the given columns, for tables keyed by an integer {@code id}. */
    public Map<Integer, List<String>> rowsById(String table, String... columns) {
        StringBuilder sql = new StringBuilder("SELECT ").append(quote("id"));
        for (String column : columns) {
            sql.append(", ").append(quote(column));
        }
        sql.append(" FROM ").append(quote(table));
        Map<Integer, List<String>> rows = new TreeMap<>();
        try (Connection c = db.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            while (rs.next()) {
                String[] values = new String[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    Object value = rs.getObject(i + 2);
                    values[i] = value == null ? null : value instanceof java.math.BigDecimal d ? d.toPlainString()
                            : value.toString();
                }
                rows.put(rs.getInt(1), java.util.Arrays.stream(values).map(v -> v == null ? "null" : v).toList());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading " + table + " failed: " + e.getMessage(), e);
        }
        return rows;
    }

    /** The offsets table: topic-partition → next offset, for one connector. */
    public Map<String, Long> storedOffsets(String connector) {
        Map<String, Long> out = new TreeMap<>();
        for (Map<String, Object> row : db.rows("SELECT " + quote("topic") + ", " + quote("kafka_partition") + ", "
                + quote("next_offset") + " FROM " + quote("ctsync_sink_offsets") + " WHERE " + quote("connector_name")
                + " = '" + connector + "'")) {
            List<Object> values = List.copyOf(row.values());
            out.put(values.get(0) + "-" + values.get(1), ((Number) values.get(2)).longValue());
        }
        return out;
    }
}
