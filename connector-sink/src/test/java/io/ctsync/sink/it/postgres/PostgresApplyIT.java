package io.ctsync.sink.it.postgres;

import io.ctsync.sink.it.AbstractApplyIT;
import io.ctsync.testkit.db.PostgresDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresApplyIT extends AbstractApplyIT {

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }
}
