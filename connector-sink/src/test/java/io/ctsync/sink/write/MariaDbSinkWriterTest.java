package io.ctsync.sink.write;

import io.ctsync.testkit.db.MariaDbDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbSinkWriterTest extends AbstractSinkWriterTest {

    @RegisterExtension
    static final MariaDbDatabaseExtension DB = new MariaDbDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }
}
