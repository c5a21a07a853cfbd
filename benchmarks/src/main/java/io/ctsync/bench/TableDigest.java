package io.ctsync.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a table holds, reduced to a row count and a SHA-256 over its rows in key order, each row normalised
 * (decimals at scale 2, timestamps as UTC instants, whatever column types the contender created), so tables
 * written by different contenders, and the workload's expected final state, compare equal when their data does.
 */
record TableDigest(long rows, String sha256) {

    static TableDigest expected(Map<Long, OrderRow> state) {
        Hasher hasher = new Hasher();
        new TreeMap<>(state).values().forEach(row -> hasher.add(normalise(row.id(), row.customer(), row.amount(),
                row.quantity(), row.active(), row.createdAt(), row.shipDate(), row.ratio(), row.note(), row.code())));
        return hasher.digest();
    }

    static TableDigest of(Connection connection, String table) throws SQLException {
        String sql = "SELECT " + RawJdbcApplier.columns().collect(Collectors.joining(", ")) + " FROM " + table + " ORDER BY id";
        Hasher hasher = new Hasher();
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(10_000);
            try (ResultSet rs = statement.executeQuery(sql)) {
                boolean zoned = rs.getMetaData().getColumnTypeName(6).toLowerCase(Locale.ROOT).contains("tz")
                        || rs.getMetaData().getColumnType(6) == java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
                while (rs.next()) {
                    Instant created = zoned ? rs.getObject(6, OffsetDateTime.class).toInstant()
                            : rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                    hasher.add(normalise(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getInt(4), rs.getBoolean(5),
                            created, rs.getObject(7, LocalDate.class), rs.getDouble(8), rs.getString(9), rs.getString(10)));
                }
            }
        }
        return hasher.digest();
    }

    private static String normalise(long id, String customer, BigDecimal amount, int quantity, boolean active,
                                    Instant created, LocalDate shipDate, double ratio, String note, String code) {
        return id + "|" + customer + "|" + amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString() + "|" + quantity
                + "|" + active + "|" + created.toEpochMilli() + "|" + shipDate + "|" + ratio + "|" + note + "|" + code;
    }

    private static final class Hasher {
        private final MessageDigest digest;
        private long rows;

        Hasher() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void add(String row) {
            digest.update(row.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            rows++;
        }

        TableDigest digest() {
            return new TableDigest(rows, HexFormat.of().formatHex(digest.digest()));
        }
    }
}
