package io.ctsync.sink.it.postgres;

import io.ctsync.sink.it.AbstractExactlyOnceIT;
import io.ctsync.testkit.db.PostgresDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import io.ctsync.sink.testing.Await;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresExactlyOnceIT extends AbstractExactlyOnceIT {

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected Connection lockAgainstWrites(String table) throws SQLException {
        Connection connection = database().open();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
        }
        return connection;
    }

    @Override
    protected void awaitBlockedWriters(int writers) {
        Await.value("a writer waiting for the lock", () -> ((Number) database().value(
                "SELECT COUNT(*) FROM pg_locks WHERE NOT granted")).longValue(), n -> n >= writers);
    }
}
