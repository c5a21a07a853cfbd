package io.ctsync.testkit.db;

import java.nio.file.Path;

/** A fresh H2 database file per test class (H2's own mode; the database stays open between connections). */
public class H2DatabaseExtension extends FileDatabaseExtension {

    @Override
    protected TestDatabase inDirectory(Path directory, String name) {
        String url = "jdbc:h2:file:" + directory.resolve(name) + ";DB_CLOSE_DELAY=-1";
        return new TestDatabase(DatabaseKind.H2, name, url, "sa", "");
    }

    @Override
    protected void drop(TestDatabase database) throws java.io.IOException {
        database.execute("SHUTDOWN");
        super.drop(database);
    }
}
