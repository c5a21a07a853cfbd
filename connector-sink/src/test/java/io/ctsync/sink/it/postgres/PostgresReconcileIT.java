package io.ctsync.sink.it.postgres;

import io.ctsync.sink.it.AbstractReconcileIT;
import io.ctsync.testkit.db.PostgresDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresReconcileIT extends AbstractReconcileIT {

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected String plainTableDdl(String name) {
        return "CREATE TABLE \"" + name + "\" (id INT PRIMARY KEY, name VARCHAR(40), balance DECIMAL(12,2))";
    }
}
