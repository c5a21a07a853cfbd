package io.ctsync.testkit.db;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.testkit.RequiredService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PostgresDatabaseExtensionTest extends AbstractDatabaseExtensionTest {

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    @Override
    DatabaseExtension extension() {
        return DB;
    }

    @Override
    DatabaseKind expectedKind() {
        return DatabaseKind.POSTGRESQL;
    }

    @Override
    DatabaseExtension newExtension() {
        return new PostgresDatabaseExtension();
    }

    @Override
    boolean exists(TestDatabase database) {
        return !DB.database().rows("SELECT 1 FROM pg_database WHERE datname = '" + database.name() + "'").isEmpty();
    }

    @Test
    void missingServerSkipsOutsideCiAndFailsInCi() {
        System.setProperty("ctsync.pg.port", "1");
        try {
            PostgresDatabaseExtension unreachable = new PostgresDatabaseExtension();
            Class<? extends Throwable> expected = RequiredService.inCi() ? AssertionFailedError.class : TestAbortedException.class;
            assertThatThrownBy(() -> unreachable.create(getClass()))
                    .isInstanceOf(expected)
                    .hasMessageContaining("PostgreSQL at 127.0.0.1:1 is not reachable");
        } finally {
            System.clearProperty("ctsync.pg.port");
        }
    }
}
