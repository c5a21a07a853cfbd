package io.ctsync.sink.dialect;

import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.TableId;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's staged upsert: {@code COPY … FROM STDIN} (text format) into a temporary table, then one gated
 * {@code INSERT … SELECT … ON CONFLICT … DO UPDATE … WHERE}. The staging columns have the base type of each value's
 * kind (no length, precision or constraint), so what the target accepts, rounds or refuses is decided by the same
 * assignment to the target column as for a bound parameter. Kinds whose text form could differ from the driver's
 * binary or typed binding (times, zones, UUID, JSON, XML) are not staged.
 */
final class PostgresCopyUpsert implements StagedUpsert {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MIN_ROWS = 64;

    private final Dialect dialect;

    PostgresCopyUpsert(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public int minRows() {
        return MIN_ROWS;
    }

    @Override
    public String createStaging(String staging, List<String> columns, List<FieldType> types) {
        StringBuilder sql = new StringBuilder("CREATE TEMPORARY TABLE IF NOT EXISTS ").append(dialect.quote(staging)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(columns.get(i))).append(' ').append(baseType(types.get(i)));
        }
        return sql.append(") ON COMMIT DELETE ROWS").toString();
    }

    @Override
    public String clearStaging(String staging) {
        return "TRUNCATE " + qualifiedStaging(staging);
    }

    @Override
    public boolean appendValue(StringBuilder out, FieldType type, Object value) {
        if (value == null) {
            out.append("\\N");
            return true;
        }
        switch (type.kind()) {
            case BOOLEAN -> out.append((Boolean) value ? 't' : 'f');
            case INT8, INT16, INT32, INT64 -> out.append(((Number) value).longValue());
            case FLOAT32 -> out.append(((Number) value).floatValue());
            case FLOAT64 -> out.append(((Number) value).doubleValue());
            case DECIMAL -> out.append(((BigDecimal) value).toPlainString());
            case STRING -> appendText(out, (String) value);
            case BYTES -> appendBytes(out, (byte[]) value);
            case DATE -> {
                LocalDate date = (LocalDate) value;
                if (date.getYear() < 1 || date.getYear() > 9999) {
                    return false;
                }
                out.append(date);
            }
            case TIMESTAMP -> {
                // The driver rounds to the microsecond, half up; so does this, rather than the server's text input.
                LocalDateTime time = ((LocalDateTime) value).plusNanos(500).truncatedTo(ChronoUnit.MICROS);
                if (time.getYear() < 1 || time.getYear() > 9999) {
                    return false;
                }
                out.append(time);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public char fieldSeparator() {
        return '\t';
    }

    @Override
    public char rowSeparator() {
        return '\n';
    }

    @Override
    public long load(Connection connection, String staging, List<String> columns, String data) throws SQLException {
        StringBuilder sql = new StringBuilder("COPY ").append(qualifiedStaging(staging)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(columns.get(i)));
        }
        sql.append(") FROM STDIN");
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.toString(), new StringReader(data));
        } catch (IOException e) {
            throw new SQLException("Reading the rows to COPY failed: " + e.getMessage(), "58030", e);
        }
    }

    @Override
    public String upsertFromStaging(TableId table, String staging, List<String> keyColumns, List<String> valueColumns,
                                    String versionColumn) {
        return OnConflictUpsert.sql(dialect, table, keyColumns, valueColumns, versionColumn, qualifiedStaging(staging));
    }

    private String qualifiedStaging(String staging) {
        return "pg_temp." + dialect.quote(staging);
    }

    private static String baseType(FieldType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case INT8, INT16 -> "smallint";
            case INT32 -> "integer";
            case INT64 -> "bigint";
            case FLOAT32 -> "real";
            case FLOAT64 -> "double precision";
            case DECIMAL -> "numeric";
            case BYTES -> "bytea";
            case DATE -> "date";
            case TIMESTAMP -> "timestamp";
            default -> "text";
        };
    }

    /** COPY's text format: backslash escapes for the backslash and the separators. */
    private static void appendText(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /** bytea's hex form, its backslash escaped for COPY. */
    private static void appendBytes(StringBuilder out, byte[] value) {
        out.append("\\\\x");
        for (byte b : value) {
            out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }
}
