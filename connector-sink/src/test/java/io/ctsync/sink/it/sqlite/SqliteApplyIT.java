package io.ctsync.sink.it.sqlite;

import io.ctsync.sink.it.AbstractApplyIT;
import io.ctsync.testkit.db.SqliteDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteApplyIT extends AbstractApplyIT {

    @RegisterExtension
    static final SqliteDatabaseExtension DB = new SqliteDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }
}
