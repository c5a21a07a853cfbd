package io.ctsync.sink.row;

import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.ValueConverter;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * One target column and where its value comes from: a field of the row or of the record key, or the record key
 * itself (a primitive key). Resolved once per schema; reading a value is a field lookup and a conversion.
 */
public record ColumnBinding(String column, Source source, Field field, FieldType type, ValueConverter converter) {

    enum Source { ROW, KEY_FIELD, KEY_VALUE }

    /** The converted value, or null. */
    public Object value(Object recordKey, Struct row) {
        Object raw = switch (source) {
            case ROW -> row == null ? null : row.get(field);
            case KEY_FIELD -> ((Struct) recordKey).get(field);
            case KEY_VALUE -> recordKey;
        };
        return raw == null ? null : converter.convert(raw);
    }
}
