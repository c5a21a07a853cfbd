package io.ctsync.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The command line: {@code demo [--exit] [--reset] [--work-dir D] [--kafka-port P] [--rest-port P]} or
 * {@code run --source URL [--user U] [--password P] [--target URL] [--tables REGEX,...] [--config FILE] ...}.
 * A {@code --config} properties file may hold the same keys without dashes (source, user, password, target, tables);
 * the command line wins.
 */
public record LauncherOptions(String command, Path repository, Path workDirectory, boolean reset, boolean exitWhenDone,
                              int kafkaPort, int restPort, String source, String user, String password, String target,
                              String tables) {

    public static final String USAGE = String.join("\n",
            "usage: ./ctsync demo [--exit] [--reset] [--work-dir DIR] [--kafka-port 9092] [--rest-port 8083]",
            "       ./ctsync run --source jdbc:sqlserver://HOST:1433;databaseName=DB [--user U] [--password P]",
            "                    [--target jdbc:postgresql://…|jdbc:mariadb://…|jdbc:sqlite:FILE] [--tables 'dbo\\.orders,…']",
            "                    [--config FILE.properties] [--exit] [--reset] [--work-dir DIR] [--kafka-port P] [--rest-port P]",
            "       ./ctsync topic NAME [--kafka-port 9092] [--max 5]",
            "  demo  a simulated SQL Server under a live workload, synced through a real Kafka broker and Connect worker",
            "        into SQLite; checks the target equals the source, then stays up until Ctrl-C (or exits with --exit)",
            "  run   the same pipeline from a real SQL Server with Change Tracking into a target database",
            "  topic the first events of a topic of a running demo or run");

    private static final Set<String> FLAGS = Set.of("exit", "reset");
    private static final Set<String> DEMO_VALUES = Set.of("work-dir", "kafka-port", "rest-port", "repository");
    private static final Set<String> RUN_VALUES = Set.of("work-dir", "kafka-port", "rest-port", "repository", "source",
            "user", "password", "target", "tables", "config");

    public static LauncherOptions parse(String... args) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            throw new UsageException("a command is needed: demo or run");
        }
        String command = args[0];
        if (!command.equals("demo") && !command.equals("run")) {
            throw new UsageException("unknown command '" + command + "': use demo, run or topic");
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        Set<String> allowed = command.equals("demo") ? DEMO_VALUES : RUN_VALUES;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "': options start with --");
            }
            String name = arg.substring(2);
            String value = null;
            if (name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            }
            if (FLAGS.contains(name)) {
                flags.add(name);
            } else if (allowed.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                values.put(name, value);
            } else {
                throw new UsageException("unknown option --" + name + " for " + command);
            }
        }
        if (values.containsKey("config")) {
            fileValues(Path.of(values.get("config"))).forEach(values::putIfAbsent);
        }
        Path repository = Path.of(values.getOrDefault("repository", ".")).toAbsolutePath().normalize();
        Path workDirectory = Path.of(values.getOrDefault("work-dir", repository.resolve("ctsync-work").resolve(command).toString()))
                .toAbsolutePath().normalize();
        LauncherOptions options = new LauncherOptions(command, repository, workDirectory, flags.contains("reset"),
                flags.contains("exit"), port(values, "kafka-port", 9092), port(values, "rest-port", 8083),
                values.get("source"), values.get("user"), values.get("password"), values.get("target"), values.get("tables"));
        if (command.equals("run")) {
            options.checkRun();
        }
        return options;
    }

    private void checkRun() {
        if (source == null || source.isBlank()) {
            throw new UsageException("run needs --source jdbc:sqlserver://HOST:PORT;databaseName=DB (or source= in --config)");
        }
        if (!source.startsWith("jdbc:sqlserver://")) {
            throw new UsageException("--source must be a SQL Server JDBC URL (jdbc:sqlserver://HOST:PORT;databaseName=DB), not '"
                    + source + "'");
        }
        if (!source.toLowerCase(java.util.Locale.ROOT).contains("databasename=")) {
            throw new UsageException("--source must name the database: add ;databaseName=DB to " + source);
        }
        if (target != null && !(target.startsWith("jdbc:postgresql://") || target.startsWith("jdbc:mariadb://")
                || target.startsWith("jdbc:mysql://") || target.startsWith("jdbc:sqlite:") || target.startsWith("jdbc:sqlserver://"))) {
            throw new UsageException("--target must be a JDBC URL of PostgreSQL, MariaDB/MySQL, SQL Server or SQLite "
                    + "(jdbc:postgresql://…, jdbc:mariadb://…, jdbc:sqlite:FILE), not '" + target + "'");
        }
        if (kafkaPort == restPort || kafkaPort + 1 == restPort) {
            throw new UsageException("--kafka-port (and its controller port, kafka port + 1) and --rest-port must differ");
        }
    }

    /** The target URL: the one given, or a SQLite file in the work directory. */
    public String targetOrDefault() {
        return target != null ? target : "jdbc:sqlite:" + workDirectory.resolve("target.db");
    }

    private static int port(Map<String, String> values, String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65534) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a port number (1-65534), not '" + value + "'");
        }
    }

    private static Map<String, String> fileValues(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException("cannot read --config " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!Set.of("source", "user", "password", "target", "tables").contains(key)) {
                throw new UsageException("unknown key '" + key + "' in " + file + ": use source, user, password, target, tables");
            }
            values.put(key, properties.getProperty(key));
        }
        return values;
    }

    @Override
    public String toString() {
        return "LauncherOptions[" + command + ", work " + workDirectory + "]";
    }
}
