package io.ctsync.source.tracking;

import java.util.Comparator;

/**
 * A table of a named database of the server: what the connector plans over its tasks. Change Tracking versions are
 * per database, so a table is only ever read with the versions of its own database.
 */
public record DatabaseTable(String database, TableId table) implements Comparable<DatabaseTable> {

    private static final Comparator<DatabaseTable> ORDER = Comparator.comparing(DatabaseTable::database)
            .thenComparing(DatabaseTable::table);

    public DatabaseTable {
        if (database == null || database.isEmpty() || table == null) {
            throw new IllegalArgumentException("A database table needs a database and a table: " + database + "." + table);
        }
    }

    @Override
    public int compareTo(DatabaseTable other) {
        return ORDER.compare(this, other);
    }

    /** {@code database.schema.table}, as logs print it. */
    @Override
    public String toString() {
        return database + "." + table.qualified();
    }
}
