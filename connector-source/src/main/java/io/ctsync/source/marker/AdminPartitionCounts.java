package io.ctsync.source.marker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Asks Kafka (an admin client's describe topic) how many partitions a topic has: the truth for topics that exist,
 * whoever created them. A topic that does not exist yet says nothing (the worker creates it with the first record).
 */
public final class AdminPartitionCounts implements PartitionCounts {

    private static final long TIMEOUT_MS = 30_000L;

    private final Admin admin;
    private final String servers;

    /** @param settings admin client settings ({@code snapshot.markers.kafka.*} without the prefix) */
    public AdminPartitionCounts(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "ctsync-snapshot-markers");
        this.servers = String.valueOf(settings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.admin = Admin.create(config);
    }

    @Override
    public OptionalInt of(String topic) {
        try {
            return OptionalInt.of(admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .get(topic).partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return OptionalInt.empty();
            }
            throw new ConnectException("Cannot read the partition count of topic " + topic + " from " + servers
                    + " (snapshot.markers.kafka.*): " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new RetriableException("Kafka at " + servers + " did not describe topic " + topic + " within "
                    + TIMEOUT_MS + " ms (snapshot.markers.kafka.bootstrap.servers)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while reading the partition count of " + topic, e);
        }
    }

    @Override
    public String describe() {
        return "Kafka at " + servers;
    }

    @Override
    public void close() {
        admin.close();
    }
}
