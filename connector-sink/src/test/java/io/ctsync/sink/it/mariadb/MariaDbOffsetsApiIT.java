package io.ctsync.sink.it.mariadb;

import io.ctsync.sink.it.AbstractOffsetsApiIT;
import io.ctsync.testkit.db.MariaDbDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbOffsetsApiIT extends AbstractOffsetsApiIT {

    @RegisterExtension
    static final MariaDbDatabaseExtension DB = new MariaDbDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected String unreachableUrl() {
        return "jdbc:mariadb://127.0.0.1:1/nowhere";
    }
}
