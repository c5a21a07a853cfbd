package io.ctsync.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * One machine's pipeline: the broker (child process), the worker (this process) with both plugins on its
 * plugin.path, and the connectors registered over REST with JSON files kept in the work directory.
 */
final class LocalPipeline implements AutoCloseable {

    private final LauncherOptions options;
    private final WorkDirectory work;
    private final PrintStream out;
    private final long started;
    private KafkaBroker broker;
    private ConnectWorker worker;

    LocalPipeline(LauncherOptions options, WorkDirectory work, PrintStream out, long started) {
        this.options = options;
        this.work = work;
        this.out = out;
        this.started = started;
    }

    void start(boolean withSimulator) {
        PluginInstall.install(options.repository(), work.plugins(), withSimulator);
        broker = new KafkaBroker(work, options.kafkaPort());
        broker.start();
        say("Kafka broker (KRaft, kafka.Kafka) ready on " + broker.bootstrapServers());
        worker = new ConnectWorker(work, broker.bootstrapServers(), options.restPort(), "ctsync-" + options.command());
        worker.start();
        say("Connect worker (distributed, ConnectDistributed) ready on " + worker.rest().base()
                + " with both plugins from plugin.path=" + work.plugins());
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    ConnectRest rest() {
        return worker.rest();
    }

    /** Writes {@code connectors/<name>.json} as a user would post it, then PUTs its config. */
    Path register(String name, Map<String, String> config) {
        ObjectNode body = ConnectRest.JSON.createObjectNode();
        body.put("name", name);
        ObjectNode configNode = body.putObject("config");
        new TreeMap<>(config).forEach(configNode::put);
        Path file = work.connectors().resolve(name + ".json");
        try {
            Files.writeString(file, ConnectRest.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n");
        } catch (IOException e) {
            throw new LaunchFailure("Cannot write " + file + ": " + e.getMessage(), e);
        }
        worker.rest().putConfig(name, configNode);
        say("Registered " + name + " over REST (PUT /connectors/" + name + "/config with " + file + ")");
        return file;
    }

    void say(String line) {
        out.printf("[%5.1f s] %s%n", (System.nanoTime() - started) / 1e9, line);
        out.flush();
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
