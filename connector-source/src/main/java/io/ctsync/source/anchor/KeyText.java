package io.ctsync.source.anchor;

import io.ctsync.source.tracking.Column;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Primary-key values in offsets: each value in a canonical text form that converts back to the exact value of the
 * column's type (decimals as plain text, binary as hex, dates and times as ISO-8601), so a resumed keyset query
 * continues exactly after the last key emitted.
 */
public final class KeyText {

    private KeyText() {
    }

    public static List<String> encode(List<Object> key) {
        List<String> text = new ArrayList<>(key.size());
        for (Object value : key) {
            text.add(encode(value));
        }
        return text;
    }

    static String encode(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return String.valueOf(value);
    }

    /** The typed key values of an offset's key text, for the key columns in key order. */
    public static List<Object> decode(List<Column> keyColumns, List<String> text) {
        if (text.size() != keyColumns.size()) {
            throw new ConnectException("The offset's key " + text + " has " + text.size() + " value(s), but the primary key "
                    + "has " + keyColumns.size() + " column(s) " + keyColumns.stream().map(Column::name).toList()
                    + "; the key changed since the offset was written: reset the table's offset to re-snapshot it");
        }
        List<Object> values = new ArrayList<>(text.size());
        for (int i = 0; i < text.size(); i++) {
            values.add(decode(keyColumns.get(i), text.get(i)));
        }
        return values;
    }

    static Object decode(Column column, String text) {
        try {
            switch (column.typeName().toLowerCase(Locale.ROOT)) {
                case "bit": return Boolean.parseBoolean(text);
                case "tinyint": case "smallint": return Short.parseShort(text);
                case "int": return Integer.parseInt(text);
                case "bigint": return Long.parseLong(text);
                case "real": return Float.parseFloat(text);
                case "float": return Double.parseDouble(text);
                case "decimal": case "numeric": case "money": case "smallmoney": return new BigDecimal(text);
                case "binary": case "varbinary": case "timestamp": case "rowversion": return HexFormat.of().parseHex(text);
                case "date": return LocalDate.parse(text);
                case "time": return LocalTime.parse(text);
                case "datetime": case "datetime2": case "smalldatetime": return LocalDateTime.parse(text);
                case "datetimeoffset": return OffsetDateTime.parse(text);
                default: return text;
            }
        } catch (RuntimeException e) {
            throw new ConnectException("The offset's key value '" + text + "' is not a valid " + column.typeName()
                    + " for key column " + column.name(), e);
        }
    }
}
