package io.ctsync.sink.it.mariadb;

import io.ctsync.sink.it.AbstractTypesIT;
import io.ctsync.testkit.db.MariaDbDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbTypesIT extends AbstractTypesIT {

    @RegisterExtension
    static final MariaDbDatabaseExtension DB = new MariaDbDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }
}
