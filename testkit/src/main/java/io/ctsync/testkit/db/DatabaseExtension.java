package io.ctsync.testkit.db;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh database per test class. Register it as a static field:
 * <pre>{@code @RegisterExtension static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();}</pre>
 * and reach it with {@link #database()}. Subclasses say how a database is created and dropped.
 */
public abstract class DatabaseExtension implements BeforeAllCallback, AfterAllCallback {

    private TestDatabase database;

    /** Creates the database (or skips/fails the class when the server is missing). */
    protected abstract TestDatabase create(Class<?> testClass) throws Exception;

    protected abstract void drop(TestDatabase database) throws Exception;

    public TestDatabase database() {
        if (database == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " has no database: register it as a static @RegisterExtension field");
        }
        return database;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database = create(context.getRequiredTestClass());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (database != null && !Boolean.getBoolean("ctsync.test.keep.databases")) {
            drop(database);
        }
        database = null;
    }
}
