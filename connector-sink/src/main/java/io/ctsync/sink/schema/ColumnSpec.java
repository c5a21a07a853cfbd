package io.ctsync.sink.schema;

/** A column the sink creates or adds. */
public record ColumnSpec(String name, FieldType type, boolean nullable) {
}
