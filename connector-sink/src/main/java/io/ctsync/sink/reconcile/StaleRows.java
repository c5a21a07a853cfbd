package io.ctsync.sink.reconcile;

import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.jdbc.JdbcSession;
import java.sql.SQLException;
import java.util.List;

/** Where a table's applied versions live decides how its rows older than a snapshot are found. */
interface StaleRows {

    /**
     * The table's rows whose applied version is below {@code snapshotVersion}, locked until the batch commits where
     * the database has row locks, so a task writing one of them meanwhile either waits or is waited for.
     */
    List<StaleRow> find(JdbcSession session, TableDefinition table, long snapshotVersion) throws SQLException;
}
