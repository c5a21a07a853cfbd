package io.ctsync.source.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * Options of the signal channel (named as Debezium names them): signals such as {@code execute-snapshot} re-snapshot
 * named tables while the others keep streaming. Only the Kafka channel exists: every task reads the signal topic.
 */
public final class SignalOptions {

    public static final String GROUP = "Signals";
    public static final String KAFKA_CHANNEL = "kafka";

    public static final String SIGNAL_ENABLED_CHANNELS = "signal.enabled.channels";
    private static final String SIGNAL_ENABLED_CHANNELS_DOC = "Channels the connector reads signals from. 'kafka': the "
            + "topic signal.kafka.topic, whose messages are keyed by this connector's topic.prefix and carry e.g. "
            + "{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"<database>.<schema>.<table>\"]}} "
            + "(re-snapshots the tables while the others keep streaming). Empty: no signals.";
    public static final String SIGNAL_ENABLED_CHANNELS_DEFAULT = "";

    public static final String SIGNAL_KAFKA_TOPIC = "signal.kafka.topic";
    private static final String SIGNAL_KAFKA_TOPIC_DOC = "The signal topic (a single partition; only partition 0 is "
            + "read). Required with the 'kafka' channel. Every task reads it whole with its own consumer (no consumer "
            + "group) and acts on its own tables; each table's offset records the signal position it reached, so a "
            + "signal is executed once per table, also across restarts and rebalances.";
    public static final String SIGNAL_KAFKA_TOPIC_DEFAULT = "";

    public static final String SIGNAL_KAFKA_BOOTSTRAP_SERVERS = "signal.kafka.bootstrap.servers";
    private static final String SIGNAL_KAFKA_BOOTSTRAP_SERVERS_DOC = "Kafka brokers of the signal topic. Required with "
            + "the 'kafka' channel. Further consumer settings (security) as signal.consumer.<setting>.";
    public static final String SIGNAL_KAFKA_BOOTSTRAP_SERVERS_DEFAULT = "";

    public static final String SIGNAL_KAFKA_POLL_TIMEOUT_MS = "signal.kafka.poll.timeout.ms";
    private static final String SIGNAL_KAFKA_POLL_TIMEOUT_MS_DOC = "How long each poll cycle waits for signals, in "
            + "milliseconds. 0: only take what the consumer already fetched (signals arrive within a few poll cycles; "
            + "capture is never slowed).";
    public static final long SIGNAL_KAFKA_POLL_TIMEOUT_MS_DEFAULT = 0L;

    /** Prefix of the signal consumer's own settings, e.g. signal.consumer.security.protocol. */
    public static final String SIGNAL_CONSUMER_PREFIX = "signal.consumer.";

    private SignalOptions() {
    }

    /** Adds the options to {@code def} under {@link #GROUP}. */
    public static ConfigDef addTo(ConfigDef def) {
        int order = 0;
        return def
                .define(SIGNAL_ENABLED_CHANNELS, Type.LIST, SIGNAL_ENABLED_CHANNELS_DEFAULT, channels(), Importance.MEDIUM,
                        SIGNAL_ENABLED_CHANNELS_DOC, GROUP, ++order, Width.SHORT, "Signal channels")
                .define(SIGNAL_KAFKA_TOPIC, Type.STRING, SIGNAL_KAFKA_TOPIC_DEFAULT, new ConfigDef.NonNullValidator(),
                        Importance.MEDIUM, SIGNAL_KAFKA_TOPIC_DOC, GROUP, ++order, Width.MEDIUM, "Signal topic")
                .define(SIGNAL_KAFKA_BOOTSTRAP_SERVERS, Type.STRING, SIGNAL_KAFKA_BOOTSTRAP_SERVERS_DEFAULT,
                        new ConfigDef.NonNullValidator(), Importance.MEDIUM, SIGNAL_KAFKA_BOOTSTRAP_SERVERS_DOC, GROUP,
                        ++order, Width.LONG, "Signal topic: Kafka bootstrap servers")
                .define(SIGNAL_KAFKA_POLL_TIMEOUT_MS, Type.LONG, SIGNAL_KAFKA_POLL_TIMEOUT_MS_DEFAULT,
                        Range.between(0L, 10_000L), Importance.LOW, SIGNAL_KAFKA_POLL_TIMEOUT_MS_DOC, GROUP, ++order,
                        Width.SHORT, "Signal poll timeout (ms)");
    }

    /** Whether the Kafka signal channel is on. */
    public static boolean kafkaEnabled(SourceConnectorConfig config) {
        return config.getList(SIGNAL_ENABLED_CHANNELS).stream()
                .anyMatch(c -> c.trim().toLowerCase(Locale.ROOT).equals(KAFKA_CHANNEL));
    }

    public static String kafkaTopic(SourceConnectorConfig config) {
        return config.getString(SIGNAL_KAFKA_TOPIC).trim();
    }

    public static long pollTimeoutMs(SourceConnectorConfig config) {
        return config.getLong(SIGNAL_KAFKA_POLL_TIMEOUT_MS);
    }

    /** The signal consumer's settings: the bootstrap servers and every signal.consumer.* setting (prefix removed). */
    public static Map<String, Object> consumerSettings(SourceConnectorConfig config) {
        Map<String, Object> settings = new HashMap<>(config.originalsWithPrefix(SIGNAL_CONSUMER_PREFIX));
        settings.put("bootstrap.servers", config.getString(SIGNAL_KAFKA_BOOTSTRAP_SERVERS).trim());
        return settings;
    }

    /** Cross-option rules: an enabled channel needs its topic and brokers. */
    public static Map<String, List<String>> problems(SourceConnectorConfig config) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        if (!kafkaEnabled(config)) {
            return problems;
        }
        if (kafkaTopic(config).isEmpty()) {
            problems.computeIfAbsent(SIGNAL_KAFKA_TOPIC, k -> new ArrayList<>()).add("the 'kafka' signal channel is "
                    + "enabled (" + SIGNAL_ENABLED_CHANNELS + ") but no signal topic is set; set " + SIGNAL_KAFKA_TOPIC
                    + " to a single-partition topic, e.g. " + config.topicPrefix() + "-signal, or remove 'kafka' from "
                    + SIGNAL_ENABLED_CHANNELS);
        }
        if (config.getString(SIGNAL_KAFKA_BOOTSTRAP_SERVERS).isBlank()) {
            problems.computeIfAbsent(SIGNAL_KAFKA_BOOTSTRAP_SERVERS, k -> new ArrayList<>()).add("the 'kafka' signal "
                    + "channel is enabled (" + SIGNAL_ENABLED_CHANNELS + ") but no brokers are set to read "
                    + SIGNAL_KAFKA_TOPIC + " from; set " + SIGNAL_KAFKA_BOOTSTRAP_SERVERS + ", e.g. kafka:9092");
        }
        return problems;
    }

    private static ConfigDef.Validator channels() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                @SuppressWarnings("unchecked")
                List<String> channels = (List<String>) value;
                for (String channel : channels == null ? List.<String>of() : channels) {
                    if (!channel.trim().toLowerCase(Locale.ROOT).equals(KAFKA_CHANNEL)) {
                        throw new ConfigException(name, value, "unknown signal channel '" + channel.trim() + "'; this "
                                + "connector reads signals from 'kafka' only (Debezium's 'source', 'jmx' and 'file' "
                                + "channels do not exist here)");
                    }
                }
            }

            @Override
            public String toString() {
                return "[" + KAFKA_CHANNEL + "]";
            }
        };
    }
}
