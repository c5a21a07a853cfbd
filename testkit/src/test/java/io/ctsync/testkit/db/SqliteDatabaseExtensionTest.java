package io.ctsync.testkit.db;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteDatabaseExtensionTest extends AbstractDatabaseExtensionTest {

    @RegisterExtension
    static final SqliteDatabaseExtension DB = new SqliteDatabaseExtension();

    @Override
    DatabaseExtension extension() {
        return DB;
    }

    @Override
    DatabaseKind expectedKind() {
        return DatabaseKind.SQLITE;
    }

    @Override
    DatabaseExtension newExtension() {
        return new SqliteDatabaseExtension();
    }

    @Override
    boolean exists(TestDatabase database) {
        return Files.exists(Path.of(database.jdbcUrl().substring("jdbc:sqlite:".length())));
    }
}
