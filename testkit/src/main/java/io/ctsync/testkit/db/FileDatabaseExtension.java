package io.ctsync.testkit.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An embedded database in a file under a fresh temporary directory, deleted with the directory afterwards. */
abstract class FileDatabaseExtension extends DatabaseExtension {

    private Path directory;

    protected abstract TestDatabase inDirectory(Path directory, String name);

    @Override
    protected TestDatabase create(Class<?> testClass) throws IOException {
        directory = Files.createTempDirectory("ctsync-db-");
        return inDirectory(directory, DatabaseNames.forTestClass(testClass));
    }

    @Override
    protected void drop(TestDatabase database) throws IOException {
        TempDirectories.delete(directory);
        directory = null;
    }
}
