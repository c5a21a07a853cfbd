package io.ctsync.sink.write;

import io.ctsync.testkit.db.SqliteDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteSinkWriterTest extends AbstractSinkWriterTest {

    @RegisterExtension
    static final SqliteDatabaseExtension DB = new SqliteDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    /** SQLite enforces foreign keys only on connections that ask. */
    @Override
    protected Map<String, String> withForeignKeys(Map<String, String> config) {
        config.put("connection.url", config.get("connection.url") + "?foreign_keys=true");
        return config;
    }
}
