package io.ctsync.sink.schema;

/**
 * Turns a non-null Connect value into the Java value bound to the statement (e.g. Debezium's epoch-day int into a
 * {@link java.time.LocalDate}). One instance per column, chosen once per schema, never per row.
 */
@FunctionalInterface
public interface ValueConverter {

    ValueConverter IDENTITY = value -> value;

    Object convert(Object connectValue);
}
