package io.ctsync.compat;

import java.io.IOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A distributed Connect worker ({@code org.apache.kafka.connect.cli.ConnectDistributed}, the entry point of
 * {@code connect-distributed.sh}) of one version, with the plugins on its {@code plugin.path} and JMX open on
 * 127.0.0.1 so the plugin metrics it registers can be read.
 */
final class ConnectWorker implements AutoCloseable {

    private final ChildJvm jvm;
    private final ConnectRest rest;
    private final int jmxPort;

    private ConnectWorker(ChildJvm jvm, ConnectRest rest, int jmxPort) {
        this.jvm = jvm;
        this.rest = rest;
        this.jmxPort = jmxPort;
    }

    static ConnectWorker start(String version, Path library, String bootstrapServers, String pluginPath, Path directory)
            throws IOException {
        int restPort = FreePorts.next();
        int jmxPort = FreePorts.next();
        Properties worker = new Properties();
        worker.setProperty("bootstrap.servers", bootstrapServers);
        worker.setProperty("group.id", "ctsync-compat");
        worker.setProperty("listeners", "http://127.0.0.1:" + restPort);
        worker.setProperty("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.setProperty("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        for (String store : List.of("config", "offset", "status")) {
            worker.setProperty(store + ".storage.topic", "connect-" + store);
            worker.setProperty(store + ".storage.replication.factor", "1");
        }
        worker.setProperty("offset.storage.partitions", "1");
        worker.setProperty("status.storage.partitions", "1");
        worker.setProperty("offset.flush.interval.ms", "500");
        worker.setProperty("plugin.path", pluginPath);
        worker.setProperty("plugin.discovery", "service_load");
        Path config = directory.resolve("connect-distributed.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            worker.store(writer, "Kafka Connect " + version + " worker of the compatibility matrix");
        }
        List<String> properties = new ArrayList<>(ChildLogging.systemProperties());
        properties.addAll(List.of("-Dcom.sun.management.jmxremote.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false"));
        ChildJvm jvm = ChildJvm.start("Kafka Connect " + version + " worker", library, properties,
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(config.toString()),
                directory.resolve("worker.log"));
        return new ConnectWorker(jvm, new ConnectRest(restPort), jmxPort);
    }

    ConnectRest rest() {
        return rest;
    }

    ChildJvm jvm() {
        return jvm;
    }

    int jmxPort() {
        return jmxPort;
    }

    /** Waits until the REST API answers and the herder lists the given connector classes (early GETs may 404). */
    void awaitPlugins(Set<String> connectorClasses) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException(jvm.name() + " exited during start\n" + jvm.tail(60));
            }
            try {
                ConnectRest.Response response = rest.get("connector-plugins");
                last = response.toString();
                if (response.status() == 200) {
                    Set<String> listed = StreamSupport.stream(response.json().spliterator(), false)
                            .map(plugin -> plugin.path("class").asText()).collect(Collectors.toSet());
                    if (listed.containsAll(connectorClasses)) {
                        return;
                    }
                }
            } catch (ConnectException | HttpTimeoutException notYet) {
                last = notYet.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(jvm.name() + " does not list " + connectorClasses + " after 120 s; last: "
                + last + "\n" + jvm.tail(60));
    }

    @Override
    public void close() {
        jvm.close();
    }
}
