package io.ctsync.source.tracking;

import io.ctsync.contract.config.ConnectionOptions;

/**
 * Opens the captured database. The connector instantiates the factory named by its internal option
 * {@code ctsync.database.factory} (default: SQL Server over JDBC); tests name an in-memory model instead.
 */
public interface ChangeTrackingDatabaseFactory {

    ChangeTrackingDatabase open(ConnectionOptions.Settings connection);

    /**
     * Opens {@code database} on the server {@code connection} reaches: a connection of its own, never a switch of a
     * shared one (Azure SQL Database refuses {@code USE} of another database). The default serves factories of a
     * single database: it opens the connection and refuses any other database.
     */
    default ChangeTrackingDatabase open(ConnectionOptions.Settings connection, String database) {
        ChangeTrackingDatabase opened = open(connection);
        String own = opened.facts().databaseName();
        if (!own.equals(database)) {
            opened.close();
            throw new TrackingException("Cannot open database '" + database + "': this connection reaches only '"
                    + own + "'", null, false);
        }
        return opened;
    }
}
