package io.ctsync.sink.it.sqlite;

import io.ctsync.sink.it.AbstractOffsetsApiIT;
import io.ctsync.testkit.db.SqliteDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteOffsetsApiIT extends AbstractOffsetsApiIT {

    @RegisterExtension
    static final SqliteDatabaseExtension DB = new SqliteDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected String unreachableUrl() {
        return "jdbc:sqlite:/nonexistent-ctsync-dir/target.db";
    }
}
