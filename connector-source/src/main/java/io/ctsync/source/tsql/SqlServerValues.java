package io.ctsync.source.tsql;

import io.ctsync.source.tracking.Column;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * Column values between mssql-jdbc and the plain Java values the connector works with. Dates and times are read
 * as java.time values (no JVM time zone involved, full 100 ns precision); everything else as its natural type.
 */
final class SqlServerValues {

    private SqlServerValues() {
    }

    static Object read(ResultSet rs, int index, Column column) throws SQLException {
        Object value;
        switch (column.typeName().toLowerCase(Locale.ROOT)) {
            case "bit": value = rs.getBoolean(index); break;
            case "tinyint": case "smallint": value = rs.getShort(index); break;
            case "int": value = rs.getInt(index); break;
            case "bigint": value = rs.getLong(index); break;
            case "real": value = rs.getFloat(index); break;
            case "float": value = rs.getDouble(index); break;
            case "decimal": case "numeric": case "money": case "smallmoney": value = rs.getBigDecimal(index); break;
            case "date": value = rs.getObject(index, LocalDate.class); break;
            case "time": value = rs.getObject(index, LocalTime.class); break;
            case "datetime": case "datetime2": case "smalldatetime": value = rs.getObject(index, LocalDateTime.class); break;
            case "datetimeoffset": value = rs.getObject(index, OffsetDateTime.class); break;
            case "binary": case "varbinary": case "image": case "timestamp": value = rs.getBytes(index); break;
            default: value = rs.getString(index); break;
        }
        return rs.wasNull() ? null : value;
    }

    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        statement.setObject(index, value);
    }
}
