package io.ctsync.sink.conflict;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;

/**
 * Compares the newer-wins column of the event (a converted value) with the target's (as JDBC reads it): numbers as
 * numbers, dates and timestamps as instants (a timestamp without zone is UTC, Connect's and Debezium's convention;
 * text in ISO-8601 form is read as one), anything else as text. A missing value is older than any value.
 */
final class NewerValues {

    private NewerValues() {
    }

    /** Positive when {@code source} is newer than {@code target}, 0 when as new. */
    static int compare(Object source, Object target) {
        if (source == null || target == null) {
            return source == null ? (target == null ? 0 : -1) : 1;
        }
        Object a = normalize(source);
        Object b = normalize(target);
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        Instant x = instant(a);
        Instant y = instant(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        return a.toString().compareTo(b.toString());
    }

    /** Reads the target's value for comparison: timestamps with their zone where the driver gives it. */
    static Object read(ResultSet rs, int index) throws SQLException {
        Object value = rs.getObject(index);
        if (value instanceof java.sql.Timestamp) {
            try {
                OffsetDateTime withZone = rs.getObject(index, OffsetDateTime.class);
                if (withZone != null && rs.getMetaData().getColumnType(index) == java.sql.Types.TIMESTAMP_WITH_TIMEZONE) {
                    return withZone;
                }
                return rs.getObject(index, LocalDateTime.class);
            } catch (SQLException | RuntimeException e) {
                return ((java.sql.Timestamp) value).toLocalDateTime();
            }
        }
        return value;
    }

    private static Object normalize(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        if (value instanceof Temporal) {
            return value;
        }
        String text = value.toString().trim();
        Object parsed = parse(text);
        return parsed != null ? parsed : text;
    }

    private static Object parse(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return OffsetDateTime.parse(iso);
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(iso);
        } catch (DateTimeParseException e) {
            // not a timestamp
        }
        try {
            return LocalDate.parse(iso);
        } catch (DateTimeParseException e) {
            // not a date
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof ZonedDateTime time) {
            return time.toInstant();
        }
        if (value instanceof LocalDateTime time) {
            return time.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return null;
    }
}
