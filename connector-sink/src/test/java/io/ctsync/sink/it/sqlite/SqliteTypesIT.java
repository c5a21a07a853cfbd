package io.ctsync.sink.it.sqlite;

import io.ctsync.sink.it.AbstractTypesIT;
import io.ctsync.testkit.db.SqliteDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteTypesIT extends AbstractTypesIT {

    @RegisterExtension
    static final SqliteDatabaseExtension DB = new SqliteDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }
}
