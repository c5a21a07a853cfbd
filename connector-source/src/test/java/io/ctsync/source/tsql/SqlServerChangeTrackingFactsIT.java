package io.ctsync.source.tsql;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.testkit.db.SqlServerContainers;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * The Change Tracking facts the source is built on, checked against a real SQL Server (runs where Docker exists;
 * skipped elsewhere).
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerChangeTrackingFactsIT {

    @Container
    static final MSSQLServerContainer SQLSERVER = SqlServerContainers.create();

    @Test
    void freshChangeTrackedDatabaseStartsAtVersionZeroAndCountsTransactions() {
        TestDatabase db = SqlServerContainers.changeTrackedDatabase(SQLSERVER, "facts");
        db.execute("CREATE TABLE dbo.items (id INT PRIMARY KEY, name NVARCHAR(20))",
                "ALTER TABLE dbo.items ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = ON)");

        assertThat(((Number) db.value("SELECT CHANGE_TRACKING_CURRENT_VERSION()")).longValue()).isZero();
        assertThat(db.value("SELECT CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID('dbo.items'))")).isNotNull();
        assertThat(db.value("SELECT CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID('dbo.no_such_table'))")).isNull();

        db.execute("INSERT INTO dbo.items VALUES (1, N'one'), (2, N'two')");
        assertThat(((Number) db.value("SELECT CHANGE_TRACKING_CURRENT_VERSION()")).longValue()).isEqualTo(1L);
        assertThat(db.rows("SELECT SYS_CHANGE_OPERATION FROM CHANGETABLE(CHANGES dbo.items, 0) AS c")).hasSize(2);
    }
}
