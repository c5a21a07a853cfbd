package io.ctsync.sink.it.sqlserver;

import io.ctsync.sink.it.AbstractVersionGateIT;
import io.ctsync.testkit.db.SqlServerContainers;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/** The version gate against a real SQL Server; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerVersionGateIT extends AbstractVersionGateIT {

    @Container
    static final MSSQLServerContainer SQLSERVER = SqlServerContainers.create();

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = SqlServerContainers.changeTrackedDatabase(SQLSERVER, "sink_gate");
    }

    @Override
    protected TestDatabase database() {
        return database;
    }

    @Override
    protected String plainTableDdl(String name) {
        return "CREATE TABLE [" + name + "] (id INT PRIMARY KEY, name NVARCHAR(40), balance DECIMAL(12,2))";
    }
}
