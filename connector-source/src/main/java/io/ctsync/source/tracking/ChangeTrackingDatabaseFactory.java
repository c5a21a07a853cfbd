package io.ctsync.source.tracking;

import io.ctsync.contract.config.ConnectionOptions;

/**
 * Opens the captured database. The connector instantiates the factory named by its internal option
 * {@code ctsync.database.factory} (default: SQL Server over JDBC); tests name an in-memory model instead.
 */
public interface ChangeTrackingDatabaseFactory {

    ChangeTrackingDatabase open(ConnectionOptions.Settings connection);
}
