package io.ctsync.sink.it.mariadb;

import io.ctsync.sink.it.AbstractExactlyOnceIT;
import io.ctsync.testkit.db.MariaDbDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import io.ctsync.sink.testing.Await;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbExactlyOnceIT extends AbstractExactlyOnceIT {

    @RegisterExtension
    static final MariaDbDatabaseExtension DB = new MariaDbDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected Connection lockAgainstWrites(String table) throws SQLException {
        Connection connection = database().open();
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLES " + table + " WRITE");
        }
        return connection;
    }

    @Override
    protected void awaitBlockedWriters(int writers) {
        Await.value("a writer waiting for the lock", () -> ((Number) database().value(
                "SELECT COUNT(*) FROM information_schema.processlist WHERE state LIKE 'Waiting for table%'")).longValue(),
                n -> n >= writers);
    }
}
