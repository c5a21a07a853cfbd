package io.ctsync.sink.schema;

/** A record field resolved for writing: its database-independent type and how to convert its values. */
public record TypedField(FieldType type, ValueConverter converter) {
}
