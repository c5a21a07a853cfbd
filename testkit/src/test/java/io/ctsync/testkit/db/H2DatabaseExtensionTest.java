package io.ctsync.testkit.db;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2DatabaseExtensionTest extends AbstractDatabaseExtensionTest {

    @RegisterExtension
    static final H2DatabaseExtension DB = new H2DatabaseExtension();

    @Override
    DatabaseExtension extension() {
        return DB;
    }

    @Override
    DatabaseKind expectedKind() {
        return DatabaseKind.H2;
    }

    @Override
    DatabaseExtension newExtension() {
        return new H2DatabaseExtension();
    }

    @Override
    boolean exists(TestDatabase database) {
        String path = database.jdbcUrl().substring("jdbc:h2:file:".length(), database.jdbcUrl().indexOf(';'));
        return Files.exists(Path.of(path + ".mv.db"));
    }
}
