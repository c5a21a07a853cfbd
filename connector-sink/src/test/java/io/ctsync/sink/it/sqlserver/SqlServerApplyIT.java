package io.ctsync.sink.it.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.it.AbstractApplyIT;
import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.Customers;
import io.ctsync.testkit.db.SqlServerContainers;
import io.ctsync.testkit.db.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/** The apply tests against a real SQL Server (MERGE … WITH (UPDLOCK, HOLDLOCK)); skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerApplyIT extends AbstractApplyIT {

    @Container
    static final MSSQLServerContainer SQLSERVER = SqlServerContainers.create();

    private static TestDatabase database;

    @BeforeAll
    static void createDatabase() {
        database = SqlServerContainers.changeTrackedDatabase(SQLSERVER, "sink_apply");
    }

    @Override
    protected TestDatabase database() {
        return database;
    }

    /**
     * Two-way sync: what the sink writes carries its Change Tracking context, so a ctsync source reading this
     * database with the same change.context.exclude does not send it back.
     */
    @Test
    void writesCarryTheChangeTrackingContextForEchoSuppression() throws Exception {
        database.execute("CREATE TABLE dbo.echo_customers (id INT PRIMARY KEY, name NVARCHAR(100) NULL, "
                        + "balance DECIMAL(12,2) NULL, __ctsync_version BIGINT NULL)",
                "ALTER TABLE dbo.echo_customers ENABLE CHANGE_TRACKING");
        String topic = "erp.sales.dbo.echo";
        producer.send(topic, Customers.KEY, Customers.key(1), Customers.ENVELOPE.schema(), Customers.create(1, "Ada", "1.00", 1));
        producer.send(topic, Customers.KEY, Customers.key(2), Customers.ENVELOPE.schema(), Customers.create(2, "Bob", "2.00", 2));
        producer.send(topic, Customers.KEY, Customers.key(2), Customers.ENVELOPE.schema(), Customers.upsert(2, "Bobby", "3.00", 3));
        producer.flush();

        Map<String, String> config = target.sinkConfig(topic);
        config.put("table.name.format", "echo_customers");
        config.put("dialect.sqlserver.change.tracking.context", "0x6374");
        start("echo", config);

        Await.value("changes of echo_customers", () -> database.rows("SELECT id, SYS_CHANGE_CONTEXT AS context FROM "
                + "CHANGETABLE(CHANGES dbo.echo_customers, 0) AS c ORDER BY id"), rows -> rows.size() == 2);
        assertThat(database.rows("SELECT SYS_CHANGE_CONTEXT AS context FROM CHANGETABLE(CHANGES dbo.echo_customers, 0) AS c"))
                .allSatisfy(row -> assertThat((byte[]) row.get("context")).containsExactly(0x63, 0x74));
    }

    /**
     * With identity insert on, one connector writes a table whose key is an IDENTITY column and one without any
     * (plus the sink's own state and offsets tables): ON only where the identity column is written, OFF after each.
     */
    @Test
    void identityInsertOnlyWhereTheTableHasAnIdentityColumn() throws Exception {
        database.execute("CREATE TABLE dbo.ident_customers (id INT IDENTITY(1,1) PRIMARY KEY, name NVARCHAR(100) NULL, "
                        + "balance DECIMAL(12,2) NULL, __ctsync_version BIGINT NULL)",
                "CREATE TABLE dbo.plain_customers (id INT PRIMARY KEY, name NVARCHAR(100) NULL, balance DECIMAL(12,2) NULL, "
                        + "__ctsync_version BIGINT NULL)");
        for (String topic : new String[] {"erp.sales.dbo.ident_customers", "erp.sales.dbo.plain_customers"}) {
            producer.send(topic, Customers.KEY, Customers.key(41), Customers.ENVELOPE.schema(), Customers.create(41, "Ada", "1.00", 1));
            producer.send(topic, Customers.KEY, Customers.key(42), Customers.ENVELOPE.schema(), Customers.create(42, "Bob", "2.00", 2));
        }
        producer.flush();

        Map<String, String> config = target.sinkConfig("erp.sales.dbo.ident_customers,erp.sales.dbo.plain_customers");
        config.put("table.name.format", "${source.table}");
        config.put("dialect.sqlserver.identity.insert", "true");
        config.put("sync.version.mode", "table");
        start("identity", config);

        Await.value("rows of both tables", () -> database.rows("SELECT id FROM dbo.ident_customers UNION ALL "
                + "SELECT id FROM dbo.plain_customers"), rows -> rows.size() == 4);
        assertThat(database.rows("SELECT id FROM dbo.ident_customers ORDER BY id")).extracting(r -> ((Number) r.get("id")).intValue())
                .containsExactly(41, 42);
    }
}
