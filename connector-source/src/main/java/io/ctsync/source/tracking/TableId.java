package io.ctsync.source.tracking;

import java.util.Comparator;

/** A table of the captured database, as the catalog names it (never parsed out of user input). */
public record TableId(String schema, String table) implements Comparable<TableId> {

    private static final Comparator<TableId> ORDER = Comparator.comparing(TableId::schema).thenComparing(TableId::table);

    public TableId {
        if (schema == null || schema.isEmpty() || table == null || table.isEmpty()) {
            throw new IllegalArgumentException("A table needs a schema and a name: " + schema + "." + table);
        }
    }

    /** {@code schema.table}: the form the include/exclude lists match and the logs print. */
    public String qualified() {
        return schema + "." + table;
    }

    @Override
    public int compareTo(TableId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return qualified();
    }
}
