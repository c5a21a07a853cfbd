package io.ctsync.it.e2e;

import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.db.PostgresDatabaseExtension;
import io.ctsync.testkit.db.SqlServerContainers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * The main scenario's workload against a real SQL Server 2022 with Change Tracking (Testcontainers) instead of the
 * simulated one: snapshot, then the seeded workload while the pipeline runs, into PostgreSQL, until the target equals
 * what SQL Server holds. Runs wherever a Docker engine runs; JUnit reports it skipped elsewhere (as on the development
 * sandboxes, where it has never run).
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerConvergenceIT {

    @Container
    static final MSSQLServerContainer SQLSERVER = SqlServerContainers.create();

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create().workers(3);

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    @Test
    void aRealSqlServerConvergesUnderTheWorkload() throws Exception {
        String name = "e2e_sqlserver";
        SqlServerSource source = new SqlServerSource(SqlServerContainers.changeTrackedDatabase(SQLSERVER, name));
        Pipeline p = new Pipeline(CONNECT, source, DB.database(), name, Seeds.next(name));
        p.workload().initialRows(200);
        try {
            p.start();
            try (BackgroundLoad load = BackgroundLoad.start(p.workload(), 600, 50)) {
                load.finish(Duration.ofMinutes(3));
            }
            p.awaitConvergence(Duration.ofMinutes(5));
        } finally {
            p.delete();
        }
    }
}
