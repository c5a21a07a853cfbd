package io.ctsync.testkit.db;

import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbDatabaseExtensionTest extends AbstractDatabaseExtensionTest {

    @RegisterExtension
    static final MariaDbDatabaseExtension DB = new MariaDbDatabaseExtension();

    @Override
    DatabaseExtension extension() {
        return DB;
    }

    @Override
    DatabaseKind expectedKind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    DatabaseExtension newExtension() {
        return new MariaDbDatabaseExtension();
    }

    @Override
    boolean exists(TestDatabase database) {
        return !DB.database().rows("SELECT 1 FROM information_schema.schemata WHERE schema_name = '" + database.name() + "'")
                .isEmpty();
    }
}
