package io.ctsync.sink.write;

import io.ctsync.testkit.db.PostgresDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSinkWriterTest extends AbstractSinkWriterTest {

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }
}
