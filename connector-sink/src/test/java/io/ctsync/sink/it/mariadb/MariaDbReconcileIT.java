package io.ctsync.sink.it.mariadb;

import io.ctsync.sink.it.AbstractReconcileIT;
import io.ctsync.testkit.db.MariaDbDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbReconcileIT extends AbstractReconcileIT {

    @RegisterExtension
    static final MariaDbDatabaseExtension DB = new MariaDbDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected String plainTableDdl(String name) {
        return "CREATE TABLE `" + name + "` (id INT PRIMARY KEY, name VARCHAR(40), balance DECIMAL(12,2))";
    }
}
