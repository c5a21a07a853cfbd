package io.ctsync.sink.it.sqlserver;

import io.ctsync.sink.it.AbstractConflictIT;
import io.ctsync.testkit.db.SqlServerContainers;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/** Conflict rules against a real SQL Server (reads under UPDLOCK, HOLDLOCK); skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerConflictIT extends AbstractConflictIT {

    @Container
    static final MSSQLServerContainer SQLSERVER = SqlServerContainers.create();

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = SqlServerContainers.changeTrackedDatabase(SQLSERVER, "sink_conflicts");
    }

    @Override
    protected TestDatabase database() {
        return database;
    }
}
