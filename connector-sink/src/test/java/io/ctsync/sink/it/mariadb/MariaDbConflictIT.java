package io.ctsync.sink.it.mariadb;

import io.ctsync.sink.it.AbstractConflictIT;
import io.ctsync.testkit.db.MariaDbDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbConflictIT extends AbstractConflictIT {

    @RegisterExtension
    static final MariaDbDatabaseExtension DB = new MariaDbDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }
}
