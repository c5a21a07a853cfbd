package io.ctsync.sink.it.sqlite;

import io.ctsync.sink.it.AbstractExactlyOnceIT;
import io.ctsync.testkit.db.SqliteDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteExactlyOnceIT extends AbstractExactlyOnceIT {

    @RegisterExtension
    static final SqliteDatabaseExtension DB = new SqliteDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected Connection lockAgainstWrites(String table) throws SQLException {
        Connection connection = database().open();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE " + table + " SET name = name WHERE 1 = 0");
        }
        return connection;
    }

    @Override
    protected void awaitBlockedWriters(int writers) {
        // SQLite says nothing about waiting writers; the sink's next batch starts within a poll interval.
        org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofSeconds(1)).until(() -> true);
    }
}
