package io.ctsync.testkit.db;

import io.ctsync.testkit.RequiredService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL server of the test class's own, in a temporary directory on a free port, for tests that stop and
 * restart the server under a running connector (the shared server on 5432 must never go down). Uses the installed
 * binaries ({@code CTSYNC_PG_BIN}, default: the newest {@code /usr/lib/postgresql/<version>/bin}); as root it runs
 * them as the {@code postgres} user, since PostgreSQL refuses to run as root.
 *
 * <pre>{@code @RegisterExtension static final PrivatePostgresExtension PG = new PrivatePostgresExtension();
 * ... PG.database() ... PG.stop(); ... PG.start(); }</pre>
 */
public final class PrivatePostgresExtension implements BeforeAllCallback, AfterAllCallback {

    private static final String OS_USER = "postgres";

    private Path bin;
    private Path directory;
    private int port;
    private TestDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        try {
            bin = binaries();
            directory = Files.createTempDirectory("ctsync-pg-");
            port = PrivateServers.freePort();
            PrivateServers.giveTo(directory, OS_USER);
            run("initdb", "-D", data().toString(), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8");
        } catch (IOException | IllegalStateException e) {
            delete();
            throw RequiredService.unavailable("A private PostgreSQL (initdb/pg_ctl)", "Install the PostgreSQL server "
                    + "binaries (Debian: postgresql) or point CTSYNC_PG_BIN at their directory.", e);
        }
        start();
        database = new TestDatabase(DatabaseKind.POSTGRESQL, "postgres", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", "");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (directory != null) {
            try {
                run("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
            } catch (IllegalStateException e) {
                // already stopped
            }
            delete();
        }
    }

    public TestDatabase database() {
        if (database == null) {
            throw new IllegalStateException("PrivatePostgresExtension is not started: register it as a static @RegisterExtension");
        }
        return database;
    }

    public int port() {
        return port;
    }

    /** Starts the server and waits until it accepts connections. */
    public void start() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data().toString(), "-l", directory.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /** Stops the server at once, as a crash would: open connections break, open transactions are lost. */
    public void stop() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
    }

    private Path data() {
        return directory.resolve("data");
    }

    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (PrivateServers.isRoot()) {
            command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(Arrays.asList(args));
        PrivateServers.run(command);
    }



    private static Path binaries() throws IOException {
        String configured = RequiredService.setting("CTSYNC_PG_BIN", "");
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IOException("no " + root);
        }
        try (var versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max((a, b) -> Integer.compare(major(a), major(b)))
                    .orElseThrow(() -> new IOException("no initdb under " + root));
        }
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }


    private void delete() throws IOException {
        TempDirectories.delete(directory);
        directory = null;
    }
}
