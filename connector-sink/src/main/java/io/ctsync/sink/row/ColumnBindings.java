package io.ctsync.sink.row;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.failure.RecordFailure;
import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.record.RecordInterpreter;
import io.ctsync.sink.schema.SchemaTypes;
import io.ctsync.sink.schema.TypedField;
import io.ctsync.sink.schema.UnmappableTypeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The columns an event's schemas ask for: key columns from the record key (a struct, or a primitive named by
 * {@code primary.key.fields}) or from the row's {@code primary.key.fields}, value columns from the row's other fields
 * ({@code __deleted} excluded), each with its type resolved and checked against the dialect.
 */
public final class ColumnBindings {

    private final Dialect dialect;
    private final List<String> primaryKeyFields;

    public ColumnBindings(Dialect dialect, List<String> primaryKeyFields) {
        this.dialect = dialect;
        this.primaryKeyFields = primaryKeyFields;
    }

    public List<ColumnBinding> key(ChangeEvent event, Schema rowSchema) {
        SinkRecord record = event.record();
        Schema keySchema = record.keySchema();
        List<ColumnBinding> key = new ArrayList<>();
        if (primaryKeyFields.isEmpty()) {
            if (record.key() == null || keySchema == null) {
                throw new RecordFailure(record, event.table(), null, record.key() == null
                        ? "the record has no key; give the records a key or set primary.key.fields to take it from the row"
                        : "the record key has no schema; use a key converter with schemas", null);
            }
            if (keySchema.type() != Schema.Type.STRUCT) {
                throw new RecordFailure(record, event.table(), null, "the record key is a " + keySchema.type()
                        + ", not a struct; set primary.key.fields to the name of its column", null);
            }
            for (Field field : keySchema.fields()) {
                key.add(binding(event, field.name(), ColumnBinding.Source.KEY_FIELD, field));
            }
            if (key.isEmpty()) {
                throw new RecordFailure(record, event.table(), null, "the record key struct has no fields", null);
            }
            return key;
        }
        if (keySchema != null && keySchema.type() != Schema.Type.STRUCT && primaryKeyFields.size() == 1 && record.key() != null) {
            TypedField typed = typed(event, primaryKeyFields.get(0), keySchema);
            key.add(new ColumnBinding(primaryKeyFields.get(0), ColumnBinding.Source.KEY_VALUE, null, typed.type(), typed.converter()));
            return key;
        }
        for (String name : primaryKeyFields) {
            Field rowField = rowSchema == null ? null : rowSchema.field(name);
            Field keyField = keySchema != null && keySchema.type() == Schema.Type.STRUCT ? keySchema.field(name) : null;
            if (rowField != null) {
                key.add(binding(event, name, ColumnBinding.Source.ROW, rowField));
            } else if (keyField != null) {
                key.add(binding(event, name, ColumnBinding.Source.KEY_FIELD, keyField));
            } else {
                throw new RecordFailure(record, event.table(), name, "primary.key.fields names '" + name
                        + "', but neither the row nor the record key has that field", null);
            }
        }
        return key;
    }

    public List<ColumnBinding> values(ChangeEvent event, Schema rowSchema, Set<String> keyNames) {
        List<ColumnBinding> values = new ArrayList<>();
        if (rowSchema == null) {
            return values;
        }
        for (Field field : rowSchema.fields()) {
            String name = field.name();
            if (keyNames.contains(name.toLowerCase(Locale.ROOT)) || name.equals(RecordInterpreter.DELETED_FIELD)) {
                continue;
            }
            values.add(binding(event, name, ColumnBinding.Source.ROW, field));
        }
        return values;
    }

    private ColumnBinding binding(ChangeEvent event, String column, ColumnBinding.Source source, Field field) {
        TypedField typed = typed(event, column, field.schema());
        return new ColumnBinding(column, source, field, typed.type(), typed.converter());
    }

    private TypedField typed(ChangeEvent event, String column, Schema schema) {
        try {
            TypedField typed = SchemaTypes.resolve(column, schema);
            dialect.sqlType(typed.type(), false);
            return typed;
        } catch (UnmappableTypeException e) {
            throw new RecordFailure(event.record(), event.table(), column, e.getMessage(), e);
        }
    }
}
