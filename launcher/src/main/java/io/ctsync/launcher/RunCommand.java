package io.ctsync.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * {@code ./ctsync run}: the real pipeline from a SQL Server with Change Tracking into a target database, on this
 * machine (embedded broker and worker). It refuses to start when the server does not answer, naming it.
 */
final class RunCommand {

    static final String SOURCE = "ctsync-run-source";
    static final String SINK = "ctsync-run-sink";

    private final LauncherOptions options;
    private final PrintStream out;

    RunCommand(LauncherOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run(WorkDirectory work, long started) {
        requireReachable();
        Path secrets = writeSecrets(work);
        try (LocalPipeline pipeline = new LocalPipeline(options, work, out, started)) {
            Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "ctsync-shutdown"));
            pipeline.start(false);
            pipeline.register(SOURCE, sourceConfig(secrets));
            pipeline.register(SINK, sinkConfig(secrets));
            printProduction(pipeline, work);
            try (PipelineView view = new PipelineView(pipeline.rest(), pipeline.bootstrapServers())) {
                while (true) {
                    Sleeps.sleep(5_000);
                    view.requireRunning(SOURCE);
                    view.requireRunning(SINK);
                    view.anchors(SOURCE).forEach((table, anchor) -> pipeline.say(String.format("  %-30s %-11s version %d",
                            table, anchor.phase(), anchor.version())));
                    if (options.exitWhenDone()) {
                        pipeline.say("Stopping (--exit); start again to resume from the anchors");
                        return 0;
                    }
                }
            }
        }
    }

    /** Opens and closes one connection, so an unreachable server is one clear line instead of a failed task. */
    void requireReachable() {
        Properties properties = new Properties();
        if (options.user() != null) {
            properties.setProperty("user", options.user());
        }
        if (options.password() != null) {
            properties.setProperty("password", options.password());
        }
        properties.setProperty("loginTimeout", "10");
        try (Connection ignored = DriverManager.getConnection(options.source(), properties)) {
            out.println("SQL Server answers at " + withoutSecrets(options.source()));
        } catch (SQLException e) {
            throw new LaunchFailure("Cannot reach SQL Server at " + withoutSecrets(options.source()) + ": " + e.getMessage()
                    + " (check host, port, databaseName, --user/--password, and that the server accepts TCP connections)", e);
        }
    }

    static String withoutSecrets(String url) {
        return url.replaceAll("(?i)(password|pwd)=[^;]*", "$1=***");
    }

    private Path writeSecrets(WorkDirectory work) {
        Path file = work.root().resolve("secrets.properties");
        Properties secrets = new Properties();
        secrets.setProperty("source.password", options.password() == null ? "" : options.password());
        try (var writer = Files.newBufferedWriter(file)) {
            secrets.store(writer, "Read by the worker's FileConfigProvider; not part of any connector JSON");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new LaunchFailure("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private Map<String, String> sourceConfig(Path secrets) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", ConnectWorker.SOURCE_CLASS);
        config.put("tasks.max", "1");
        config.put("connection.url", options.source());
        if (options.user() != null) {
            config.put("connection.user", options.user());
        }
        if (options.password() != null) {
            config.put("connection.password", "${file:" + secrets + ":source.password}");
        }
        config.put("topic.prefix", "ctsync");
        if (options.tables() != null) {
            config.put("table.include.list", options.tables());
        }
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    private Map<String, String> sinkConfig(Path secrets) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", ConnectWorker.SINK_CLASS);
        config.put("tasks.max", "1");
        config.put("topics.regex", "ctsync\\.[^.]+\\.[^.]+\\.[^.]+");
        config.put("connection.url", options.targetOrDefault());
        config.put("table.name.format", "${source.table}");
        config.put("schema.evolution", "basic");
        return config;
    }

    private void printProduction(LocalPipeline pipeline, WorkDirectory work) {
        out.println();
        out.println("This is a one-machine pipeline: one broker, one worker, no replication. In production the same");
        out.println("plugin archives go into a Connect cluster: unzip connector-source/target/ctsync-sqlserver-ct-source-*.zip");
        out.println("and connector-sink/target/ctsync-jdbc-sink-*.zip into a directory on every worker's plugin.path,");
        out.println("restart the workers, and POST the connector JSON kept in " + work.connectors());
        out.println("(raise topic.creation.default.replication.factor to 3 there). REST here: " + pipeline.rest().base());
        out.println();
    }
}
