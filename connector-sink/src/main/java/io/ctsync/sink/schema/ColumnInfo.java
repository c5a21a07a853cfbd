package io.ctsync.sink.schema;

/** A column as the database's catalog describes it. {@code size} is the declared length or precision, 0 if none. */
public record ColumnInfo(String name, int jdbcType, String typeName, int size, boolean nullable) {
}
