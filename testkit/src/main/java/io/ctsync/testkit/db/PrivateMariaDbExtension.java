package io.ctsync.testkit.db;

import io.ctsync.testkit.RequiredService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MariaDB server of the test class's own, in a temporary directory on a free port, for tests that stop and restart
 * the server under a running connector (the shared server on 3306 must never go down). Uses the installed
 * {@code mariadb-install-db} and {@code mariadbd} ({@code CTSYNC_MARIADB_BIN}, default {@code /usr/sbin} and
 * {@code /usr/bin}); as root it runs the server as the {@code mysql} user.
 *
 * <pre>{@code @RegisterExtension static final PrivateMariaDbExtension DB = new PrivateMariaDbExtension();
 * ... DB.database() ... DB.stop(); ... DB.start(); }</pre>
 */
public final class PrivateMariaDbExtension implements BeforeAllCallback, AfterAllCallback {

    private static final String OS_USER = "mysql";

    private Path directory;
    private int port;
    private Process server;
    private TestDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        try {
            directory = Files.createTempDirectory("ctsync-mariadb-");
            port = PrivateServers.freePort();
            PrivateServers.giveTo(directory, OS_USER);
            List<String> install = new ArrayList<>(List.of(program("mariadb-install-db"), "--no-defaults",
                    "--datadir=" + data(), "--auth-root-authentication-method=normal", "--skip-test-db"));
            if (PrivateServers.isRoot()) {
                install.add("--user=" + OS_USER);
            }
            PrivateServers.run(install);
        } catch (IOException | IllegalStateException e) {
            delete();
            throw RequiredService.unavailable("A private MariaDB (mariadb-install-db/mariadbd)", "Install the MariaDB "
                    + "server (Debian: mariadb-server) or point CTSYNC_MARIADB_BIN at the directory of its programs.", e);
        }
        start();
        try (Connection connection = DriverManager.getConnection(url(""), "root", "")) {
            connection.createStatement().execute("CREATE DATABASE IF NOT EXISTS test");
        }
        database = new TestDatabase(DatabaseKind.MARIADB, "test", url("test"), "root", "");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        delete();
    }

    public TestDatabase database() {
        if (database == null) {
            throw new IllegalStateException("PrivateMariaDbExtension is not started: register it as a static @RegisterExtension");
        }
        return database;
    }

    /** Starts the server and waits until it accepts connections. */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(program("mariadbd"), "--no-defaults", "--datadir=" + data(),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + directory.resolve("mariadb.sock"),
                "--pid-file=" + directory.resolve("mariadb.pid"), "--skip-log-bin"));
        if (PrivateServers.isRoot()) {
            command.add("--user=" + OS_USER);
        }
        server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(url(""), "root", "")) {
                return;
            } catch (SQLException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("mariadbd did not start on port " + port + ": see "
                            + directory.resolve("server.log"), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    /** Kills the server, as a crash would: open connections break, open transactions are lost. */
    public void stop() throws InterruptedException {
        server.destroyForcibly();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("mariadbd on port " + port + " did not stop");
        }
    }

    private String url(String databaseName) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + databaseName;
    }

    private Path data() {
        return directory.resolve("data");
    }

    private static String program(String name) {
        String configured = RequiredService.setting("CTSYNC_MARIADB_BIN", "");
        if (!configured.isEmpty()) {
            return Path.of(configured, name).toString();
        }
        for (String dir : List.of("/usr/sbin", "/usr/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        throw new IllegalStateException("no " + name + " in /usr/sbin or /usr/bin");
    }





    private void delete() throws IOException {
        TempDirectories.delete(directory);
        directory = null;
    }
}
