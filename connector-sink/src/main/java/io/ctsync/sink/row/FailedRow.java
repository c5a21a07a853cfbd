package io.ctsync.sink.row;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.failure.RecordFailure;
import io.ctsync.sink.schema.ColumnInfo;
import io.ctsync.sink.schema.FieldType;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/**
 * The row a statement failed on, found by replaying a failed batch one row at a time. Carries the database's
 * failure as its cause and can say which column the failure is about.
 */
public final class FailedRow extends SQLException {

    private static final long serialVersionUID = 1L;

    private final transient PendingRow row;

    public FailedRow(PendingRow row, SQLException cause) {
        super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        this.row = row;
    }

    public SQLException failure() {
        return (SQLException) getCause();
    }

    /** A record failure naming topic, partition, offset, table and (when it can be told) the column. */
    public RecordFailure toRecordFailure(Dialect dialect) {
        String column = dialect.failedColumn(failure()).or(this::columnFromValues).orElse(null);
        String state = failure().getSQLState();
        return new RecordFailure(row.event().record(), row.layout().tableId(), column, "the database refused the row"
                + (state == null ? "" : " (SQLSTATE " + state + ")") + ": " + failure().getMessage(), failure());
    }

    /** When the database does not name the column: the first value the table's definition cannot take. */
    private Optional<String> columnFromValues() {
        if (row.event().isDelete()) {
            return Optional.empty();
        }
        for (Object[] value : row.layout().describeValues(row.event())) {
            String name = (String) value[0];
            Optional<ColumnInfo> info = row.layout().definition().column(name);
            if (info.isEmpty()) {
                continue;
            }
            Object v = value[2];
            if (v == null && !info.get().nullable()) {
                return Optional.of(name);
            }
            if (tooLong(info.get(), (FieldType) value[1], v)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static boolean tooLong(ColumnInfo column, FieldType type, Object value) {
        if (value == null || column.size() <= 0) {
            return false;
        }
        boolean text = switch (column.jdbcType()) {
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR -> true;
            default -> false;
        };
        if (text && value instanceof String s) {
            return s.codePointCount(0, s.length()) > column.size();
        }
        boolean binary = column.jdbcType() == Types.BINARY || column.jdbcType() == Types.VARBINARY;
        return binary && value instanceof byte[] bytes && bytes.length > column.size();
    }
}
