package io.ctsync.source.schema;

/** Turns a column value as the database layer hands it (never null) into its Connect value. */
@FunctionalInterface
public interface ValueConverter {
    Object convert(Object value);
}
