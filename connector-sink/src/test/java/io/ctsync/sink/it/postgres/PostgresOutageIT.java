package io.ctsync.sink.it.postgres;

import io.ctsync.sink.it.AbstractOutageIT;
import io.ctsync.testkit.db.PrivatePostgresExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresOutageIT extends AbstractOutageIT {

    @RegisterExtension
    static final PrivatePostgresExtension PG = new PrivatePostgresExtension();

    @Override
    protected TestDatabase database() {
        return PG.database();
    }

    @Override
    protected void stopServer() throws Exception {
        PG.stop();
    }

    @Override
    protected void startServer() throws Exception {
        PG.start();
    }
}
