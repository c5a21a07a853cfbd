package io.ctsync.testkit.db;

import org.testcontainers.mssqlserver.MSSQLServerContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Real SQL Server for the tests that need it, through Testcontainers. Such tests carry
 * {@code @Testcontainers(disabledWithoutDocker = true)}: they run wherever a Docker engine is reachable and are
 * skipped, with JUnit saying so, where none is (as on the development sandboxes, which cannot run SQL Server).
 *
 * <pre>{@code
 * @Testcontainers(disabledWithoutDocker = true)
 * class SomethingIT {
 *     @Container static final MSSQLServerContainer SQLSERVER = SqlServerContainers.create();
 *     ...  TestDatabase db = SqlServerContainers.changeTrackedDatabase(SQLSERVER, "sales");
 * }
 * }</pre>
 */
public final class SqlServerContainers {

    /** Override with -Dctsync.sqlserver.image=... (e.g. 2019-latest, or azure-sql-edge on ARM hosts). */
    public static final String IMAGE = System.getProperty("ctsync.sqlserver.image", "mcr.microsoft.com/mssql/server:2022-latest");

    private SqlServerContainers() {
    }

    public static MSSQLServerContainer create() {
        return new MSSQLServerContainer(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("mcr.microsoft.com/mssql/server"))
                .acceptLicense();
    }

    /**
     * A new database with Change Tracking on (2-day retention, auto cleanup) and snapshot isolation allowed, as
     * the source connector expects; the admin login owns it.
     */
    public static TestDatabase changeTrackedDatabase(MSSQLServerContainer server, String name) {
        TestDatabase master = new TestDatabase(DatabaseKind.SQLSERVER, "master", server.getJdbcUrl(), server.getUsername(),
                server.getPassword());
        master.execute("CREATE DATABASE [" + name + "]",
                "ALTER DATABASE [" + name + "] SET ALLOW_SNAPSHOT_ISOLATION ON",
                "ALTER DATABASE [" + name + "] SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 2 DAYS, AUTO_CLEANUP = ON)");
        return new TestDatabase(DatabaseKind.SQLSERVER, name, server.getJdbcUrl() + ";databaseName=" + name,
                server.getUsername(), server.getPassword());
    }
}
