package io.ctsync.sink.it.sqlite;

import io.ctsync.sink.it.AbstractReconcileIT;
import io.ctsync.testkit.db.SqliteDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteReconcileIT extends AbstractReconcileIT {

    @RegisterExtension
    static final SqliteDatabaseExtension DB = new SqliteDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected String plainTableDdl(String name) {
        return "CREATE TABLE \"" + name + "\" (id INT PRIMARY KEY, name VARCHAR(40), balance DECIMAL(12,2))";
    }
}
