package io.ctsync.sink.it.postgres;

import io.ctsync.sink.it.AbstractOffsetsApiIT;
import io.ctsync.testkit.db.PostgresDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOffsetsApiIT extends AbstractOffsetsApiIT {

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected String unreachableUrl() {
        return "jdbc:postgresql://127.0.0.1:1/nowhere";
    }
}
