package io.ctsync.testkit.db;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

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
        if (directory == null) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        directory = null;
    }
}
