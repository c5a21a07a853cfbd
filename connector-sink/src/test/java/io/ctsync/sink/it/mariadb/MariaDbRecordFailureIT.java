package io.ctsync.sink.it.mariadb;

import io.ctsync.sink.it.AbstractRecordFailureIT;
import io.ctsync.testkit.db.MariaDbDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbRecordFailureIT extends AbstractRecordFailureIT {

    @RegisterExtension
    static final MariaDbDatabaseExtension DB = new MariaDbDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected String notNullState() {
        return "23000";
    }
}
