package io.ctsync.sink.it.mariadb;

import io.ctsync.sink.it.AbstractOutageIT;
import io.ctsync.testkit.db.PrivateMariaDbExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbOutageIT extends AbstractOutageIT {

    @RegisterExtension
    static final PrivateMariaDbExtension DB = new PrivateMariaDbExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected void stopServer() throws Exception {
        DB.stop();
    }

    @Override
    protected void startServer() throws Exception {
        DB.start();
    }
}
