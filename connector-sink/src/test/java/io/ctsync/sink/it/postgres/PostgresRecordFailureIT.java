package io.ctsync.sink.it.postgres;

import io.ctsync.sink.it.AbstractRecordFailureIT;
import io.ctsync.testkit.db.PostgresDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRecordFailureIT extends AbstractRecordFailureIT {

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Override
    protected String notNullState() {
        return "23502";
    }

    @Override
    protected boolean defersForeignKeys() {
        return true;
    }

    @Override
    protected String[] parentAndChildTables(String prefix, boolean deferrable) {
        String[] ddl = super.parentAndChildTables(prefix, deferrable);
        if (deferrable) {
            ddl[1] = ddl[1].substring(0, ddl[1].length() - 1) + " DEFERRABLE INITIALLY IMMEDIATE)";
        }
        return ddl;
    }
}
