package io.ctsync.source.schema;

import io.ctsync.contract.event.ChangeEnvelope;
import io.ctsync.contract.offset.TablePartition;
import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.TableMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Everything needed to turn one table's rows into events: topic, source partition, key and row schemas, the
 * envelope, and one converter per column. Built once per table definition; rebuilt when the definition changes.
 *
 * <p>The row schema has required key fields and optional non-key fields: Change Tracking has no before image, so
 * a delete's {@code before} carries the key alone, and every other field must be able to be null in it.
 */
public final class TableSchema {

    private final TableMetadata metadata;
    private final TablePartition partition;
    private final String topic;
    private final Schema keySchema;
    private final Schema rowSchema;
    private final ChangeEnvelope envelope;
    private final List<ColumnMapping> mappings;
    private final List<Column> keyColumns;
    private final String sourceFingerprint;

    TableSchema(String sourceFingerprint, TableMetadata metadata, TablePartition partition, String topic, Schema keySchema, Schema rowSchema,
                ChangeEnvelope envelope, List<ColumnMapping> mappings) {
        this.sourceFingerprint = sourceFingerprint;
        this.metadata = metadata;
        this.partition = partition;
        this.topic = topic;
        this.keySchema = keySchema;
        this.rowSchema = rowSchema;
        this.envelope = envelope;
        this.mappings = List.copyOf(mappings);
        this.keyColumns = metadata.keyColumns();
    }

    /** The fingerprint of the table definition (before column exclusion) this schema was built from. */
    public String sourceFingerprint() {
        return sourceFingerprint;
    }

    /** The captured columns (excluded columns removed): the columns rows are read with. */
    public TableMetadata metadata() {
        return metadata;
    }

    public TablePartition partition() {
        return partition;
    }

    public String topic() {
        return topic;
    }

    public Schema keySchema() {
        return keySchema;
    }

    public Schema rowSchema() {
        return rowSchema;
    }

    public ChangeEnvelope envelope() {
        return envelope;
    }

    public List<Column> keyColumns() {
        return keyColumns;
    }

    /** The key struct from key values in key order. */
    public Struct key(List<Object> keyValues) {
        return withKey(new Struct(keySchema), keyValues);
    }

    /** The row struct from one value per captured column. */
    public Struct row(Object[] values) {
        Struct row = new Struct(rowSchema);
        List<Column> columns = metadata.columns();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i).name(), convert(i, values[i]));
        }
        return row;
    }

    /** A row struct holding only the key: the {@code before} of a delete. */
    public Struct keyOnlyRow(List<Object> keyValues) {
        return withKey(new Struct(rowSchema), keyValues);
    }

    private Struct withKey(Struct struct, List<Object> keyValues) {
        for (int i = 0; i < keyColumns.size(); i++) {
            Column column = keyColumns.get(i);
            struct.put(column.name(), convert(indexOf(column), keyValues.get(i)));
        }
        return struct;
    }

    /** The key values of a row read with {@link #metadata()}, in key order. */
    public List<Object> keyOf(Object[] values) {
        List<Object> key = new ArrayList<>(keyColumns.size());
        for (Column column : keyColumns) {
            key.add(values[indexOf(column)]);
        }
        return key;
    }

    /** Captured non-key columns among {@code changed}, in column order; all of them when {@code changed} is null. */
    public List<String> capturedColumns(Collection<String> changed) {
        return metadata.columns().stream().filter(c -> !c.isKey())
                .map(Column::name).filter(n -> changed == null || changed.contains(n)).toList();
    }

    private int indexOf(Column column) {
        return metadata.columns().indexOf(column);
    }

    private Object convert(int index, Object value) {
        if (value == null) {
            return null;
        }
        Column column = metadata.columns().get(index);
        try {
            return mappings.get(index).converter().convert(value);
        } catch (RuntimeException e) {
            throw new org.apache.kafka.connect.errors.DataException("Cannot convert the value of column " + column.name()
                    + " (" + column.typeName() + ") of table " + metadata.id().qualified() + " from "
                    + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
