package io.ctsync.source.schema;

import org.apache.kafka.connect.data.Schema;

/** A column's Connect schema (required; callers make it optional) and the converter for its values. */
public record ColumnMapping(Schema schema, ValueConverter converter) {
}
