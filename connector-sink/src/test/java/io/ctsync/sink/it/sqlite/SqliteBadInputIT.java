package io.ctsync.sink.it.sqlite;

import io.ctsync.sink.it.AbstractBadInputIT;
import io.ctsync.testkit.db.SqliteDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteBadInputIT extends AbstractBadInputIT {

    @RegisterExtension
    static final SqliteDatabaseExtension DB = new SqliteDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected boolean enforcesLengths() {
        return false;
    }
}
