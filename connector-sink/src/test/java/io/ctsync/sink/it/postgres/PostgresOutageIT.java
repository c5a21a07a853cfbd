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
    protected String[] updateCountingTable(String table) {
        return new String[] {
            "CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40), writes INT NOT NULL DEFAULT 0)",
            "CREATE FUNCTION " + table + "_count() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN NEW.writes := OLD.writes + 1; RETURN NEW; END $$",
            "CREATE TRIGGER " + table + "_count BEFORE UPDATE ON " + table + " FOR EACH ROW EXECUTE FUNCTION "
                    + table + "_count()"};
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
