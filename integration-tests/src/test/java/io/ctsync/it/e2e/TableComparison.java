package io.ctsync.it.e2e;

import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.testkit.db.DatabaseKind;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Compares the source's rows with the target row for row and value for value, under the documented type
 * mappings: integers, decimals (money included) and booleans by value, real as a float and float as a double,
 * strings, xml and uniqueidentifier as text, binary as bytes, dates and times as the same instant, where PostgreSQL
 * and MariaDB keep microseconds (a datetime2(7), time(7) or datetimeoffset(7) then matches to within 1 µs) and SQLite
 * keeps the full ISO-8601 text. datetimeoffset compares the instant (MariaDB stores it as UTC). The sink's own
 * version column is not part of the row. A table under a row filter compares the source rows the filter keeps.
 */
final class TableComparison {

    private final SourceDatabase sourceDatabase;
    private final SourceTables tables;
    private final TargetTables target;
    /** Per table, the source rows the target should hold (a row filter of the source connector); others: all. */
    private final Map<String, Predicate<Map<String, Object>>> kept;

    TableComparison(SourceTables tables, TargetTables target) {
        this(tables, target, Map.of());
    }

    TableComparison(SourceTables tables, TargetTables target, Map<String, Predicate<Map<String, Object>>> kept) {
        this.tables = tables;
        this.sourceDatabase = tables.database();
        this.target = target;
        this.kept = Map.copyOf(kept);
    }

    /** The source rows of {@code table} the target should hold. */
    private List<Map<String, Object>> sourceRows(String table) {
        Predicate<Map<String, Object>> keep = kept.getOrDefault(table, row -> true);
        return sourceDatabase.rows(table).stream().filter(keep).toList();
    }

    /** The first difference over every table, or empty when the target equals the source. */
    Optional<String> firstDifference() throws SQLException {
        for (String table : tables.tables()) {
            Optional<String> difference = firstDifference(table);
            if (difference.isPresent()) {
                return difference;
            }
        }
        return Optional.empty();
    }

    /** Rows per table in the source now, for reports. */
    Map<String, Integer> sourceRowCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        tables.tables().forEach(t -> counts.put(t, sourceRows(t).size()));
        return counts;
    }

    Optional<String> firstDifference(String table) throws SQLException {
        List<ModelColumn> columns = tables.columns(table);
        List<String> keyColumns = tables.keyColumns(table);
        TreeMap<String, Map<String, Object>> source = new TreeMap<>();
        for (Map<String, Object> row : sourceRows(table)) {
            source.put(key(row, keyColumns), row);
        }
        TreeMap<String, Map<String, Object>> targetRows = new TreeMap<>();
        for (Map<String, Object> row : target.rows(table)) {
            targetRows.put(key(row, keyColumns), row);
        }
        String where = target.name(table) + " (source " + source.size() + " rows, target " + targetRows.size() + " rows)";
        for (var entry : source.entrySet()) {
            Map<String, Object> targetRow = targetRows.get(entry.getKey());
            if (targetRow == null) {
                return Optional.of(where + ": row " + entry.getKey() + " is missing on the target");
            }
            for (ModelColumn column : columns) {
                if (!targetRow.containsKey(column.name())) {
                    return Optional.of(where + ": the target has no column " + column.name());
                }
                Object expected = entry.getValue().get(column.name());
                Object actual = targetRow.get(column.name());
                if (!sameValue(column, expected, actual)) {
                    return Optional.of(where + ": row " + entry.getKey() + ", column " + column.name() + " ("
                            + column.typeName() + "): source " + show(expected) + ", target " + show(actual));
                }
            }
        }
        for (var entry : targetRows.entrySet()) {
            if (!source.containsKey(entry.getKey())) {
                return Optional.of(where + ": row " + entry.getKey() + " is on the target but not in the source");
            }
        }
        return Optional.empty();
    }

    private static String key(Map<String, Object> row, List<String> keyColumns) {
        StringBuilder key = new StringBuilder();
        for (String column : keyColumns) {
            Object value = row.get(column);
            key.append(key.length() == 0 ? "" : "|").append(value == null ? "null" : String.format("%012d",
                    ((Number) (value instanceof Number ? value : Long.parseLong(value.toString()))).longValue()));
        }
        return key.toString();
    }

    private boolean sameValue(ModelColumn column, Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        String type = column.typeName().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "bit" -> expected.equals(actual instanceof Boolean b ? b : !"0".equals(actual.toString()));
            case "tinyint", "smallint", "int", "bigint" -> ((Number) expected).longValue() == Long.parseLong(actual.toString());
            case "decimal", "numeric", "money", "smallmoney" ->
                    ((BigDecimal) expected).compareTo(new BigDecimal(actual.toString())) == 0;
            case "real" -> ((Float) expected).equals(actual instanceof Number n ? n.floatValue() : Float.parseFloat(actual.toString()));
            case "float" -> ((Double) expected).equals(actual instanceof Number n ? n.doubleValue() : Double.parseDouble(actual.toString()));
            case "binary", "varbinary", "image" -> HexFormat.of().formatHex((byte[]) expected)
                    .equals(HexFormat.of().formatHex(actual instanceof byte[] b ? b : actual.toString().getBytes()));
            case "date" -> expected.toString().equals(actual.toString());
            case "time" -> withinPrecision(Duration.between(LocalTime.MIN, (LocalTime) expected),
                    Duration.between(LocalTime.MIN, LocalTime.parse(actual.toString())));
            case "datetime2", "datetime", "smalldatetime" -> withinPrecision(
                    Duration.between(LocalDateTime.MIN, (LocalDateTime) expected),
                    Duration.between(LocalDateTime.MIN, LocalDateTime.parse(actual.toString().replace(' ', 'T'))));
            case "datetimeoffset" -> withinPrecision(
                    Duration.ofSeconds(((OffsetDateTime) expected).toEpochSecond(), ((OffsetDateTime) expected).getNano()),
                    instant(actual));
            default -> expected.toString().equals(actual.toString());
        };
    }

    private Duration instant(Object actual) {
        OffsetDateTime value = actual instanceof OffsetDateTime o ? o
                : target.db().kind() == DatabaseKind.MARIADB
                ? LocalDateTime.parse(actual.toString().replace(' ', 'T')).atOffset(ZoneOffset.UTC)
                : OffsetDateTime.parse(actual.toString().replace(' ', 'T'));
        return Duration.ofSeconds(value.toEpochSecond(), value.getNano());
    }

    /** Equal, or, where the target keeps microseconds, less than one microsecond apart (rounded or truncated). */
    private boolean withinPrecision(Duration expected, Duration actual) {
        long nanos = Math.abs(expected.minus(actual).toNanos());
        return target.db().kind() == DatabaseKind.SQLITE ? nanos == 0 : nanos < ChronoUnit.MICROS.getDuration().toNanos();
    }

    private static String show(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        return "'" + value + "' (" + value.getClass().getSimpleName() + ")";
    }
}
