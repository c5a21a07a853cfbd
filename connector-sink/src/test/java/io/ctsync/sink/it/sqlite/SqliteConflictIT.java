package io.ctsync.sink.it.sqlite;

import io.ctsync.sink.it.AbstractConflictIT;
import io.ctsync.testkit.db.SqliteDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteConflictIT extends AbstractConflictIT {

    @RegisterExtension
    static final SqliteDatabaseExtension DB = new SqliteDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }
}
