package io.ctsync.sink.schema;

import java.util.Objects;

/**
 * A target table: an optional schema (PostgreSQL/SQL Server schema, MariaDB database) and a name, both exactly as
 * they are to be spelled in the database (the dialect quotes them).
 */
public record TableId(String schema, String table) {

    public TableId {
        Objects.requireNonNull(table, "table");
        if (table.isEmpty()) {
            throw new IllegalArgumentException("A table name cannot be empty");
        }
        schema = schema == null || schema.isEmpty() ? null : schema;
    }

    public static TableId of(String table) {
        return new TableId(null, table);
    }

    /** {@code schema.table} or {@code table}, as operators write a table in an option. */
    public static TableId parse(String qualifiedName) {
        int dot = qualifiedName.indexOf('.');
        return dot < 0 ? of(qualifiedName) : new TableId(qualifiedName.substring(0, dot), qualifiedName.substring(dot + 1));
    }

    /** {@code schema.table} or {@code table}, unquoted: for messages and for the sink state's table column. */
    @Override
    public String toString() {
        return schema == null ? table : schema + "." + table;
    }
}
