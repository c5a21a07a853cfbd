package io.ctsync.testkit.db;

import java.nio.file.Path;

/** A fresh SQLite database file per test class. */
public class SqliteDatabaseExtension extends FileDatabaseExtension {

    @Override
    protected TestDatabase inDirectory(Path directory, String name) {
        String url = "jdbc:sqlite:" + directory.resolve(name + ".db");
        return new TestDatabase(DatabaseKind.SQLITE, name, url, null, null);
    }
}
