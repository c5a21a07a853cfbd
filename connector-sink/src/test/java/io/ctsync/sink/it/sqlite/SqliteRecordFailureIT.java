package io.ctsync.sink.it.sqlite;

import io.ctsync.sink.it.AbstractRecordFailureIT;
import io.ctsync.testkit.db.SqliteDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteRecordFailureIT extends AbstractRecordFailureIT {

    @RegisterExtension
    static final SqliteDatabaseExtension DB = new SqliteDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    /** sqlite-jdbc gives no SQLSTATE. */
    @Override
    protected String notNullState() {
        return null;
    }

    @Override
    protected boolean defersForeignKeys() {
        return true;
    }

    /** SQLite enforces foreign keys only on connections that ask. */
    @Override
    protected Map<String, String> withForeignKeys(Map<String, String> config) {
        config.put("connection.url", config.get("connection.url") + "?foreign_keys=true");
        return config;
    }
}
