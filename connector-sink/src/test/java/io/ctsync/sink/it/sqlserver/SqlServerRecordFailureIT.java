package io.ctsync.sink.it.sqlserver;

import io.ctsync.sink.it.AbstractRecordFailureIT;
import io.ctsync.testkit.db.SqlServerContainers;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/** Dead letters, budget and foreign-key parking against a real SQL Server; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerRecordFailureIT extends AbstractRecordFailureIT {

    @Container
    static final MSSQLServerContainer SQLSERVER = SqlServerContainers.create();

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = SqlServerContainers.changeTrackedDatabase(SQLSERVER, "sink_failures");
    }

    @Override
    protected TestDatabase database() {
        return database;
    }

    @Override
    protected String notNullState() {
        return "23000";
    }
}
