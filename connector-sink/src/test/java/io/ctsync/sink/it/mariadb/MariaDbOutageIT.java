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
    protected String[] updateCountingTable(String table) {
        return new String[] {
            "CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40), writes INT NOT NULL DEFAULT 0)",
            "CREATE TRIGGER " + table + "_count BEFORE UPDATE ON " + table + " FOR EACH ROW SET NEW.writes = OLD.writes + 1"};
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
