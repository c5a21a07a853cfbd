package io.ctsync.source.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.source.ChangeTrackingSourceConnector;
import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelDatabaseFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The signal options: defaults, the channel validator, and the cross-option rules validate() attaches. */
class SignalOptionsTest {

    private static Map<String, String> props(String... options) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", "jdbc:sqlserver://db:1433;databaseName=sales");
        props.put(SourceConnectorConfig.TOPIC_PREFIX, "erp");
        for (int i = 0; i < options.length; i += 2) {
            props.put(options[i], options[i + 1]);
        }
        return props;
    }

    @Test
    void signalsAreOffByDefault() {
        SourceConnectorConfig config = new SourceConnectorConfig(props());

        assertThat(SignalOptions.kafkaEnabled(config)).isFalse();
        assertThat(SignalOptions.problems(config)).isEmpty();
        assertThat(SignalOptions.pollTimeoutMs(config)).isEqualTo(SignalOptions.SIGNAL_KAFKA_POLL_TIMEOUT_MS_DEFAULT);
        assertThat(SourceConnectorConfig.CONFIG_DEF.configKeys().get(SignalOptions.SIGNAL_KAFKA_TOPIC).group)
                .isEqualTo(SignalOptions.GROUP);
    }

    @Test
    void anUnknownChannelIsRefusedNamingTheOnlyOne() {
        assertThatThrownBy(() -> new SourceConnectorConfig(props(SignalOptions.SIGNAL_ENABLED_CHANNELS, "kafka,source")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown signal channel 'source'")
                .hasMessageContaining("'kafka' only");
    }

    @Test
    void theKafkaChannelNeedsItsTopicAndBrokers() {
        SourceConnectorConfig config = new SourceConnectorConfig(props(SignalOptions.SIGNAL_ENABLED_CHANNELS, "kafka"));

        Map<String, List<String>> problems = SignalOptions.problems(config);

        assertThat(problems).containsOnlyKeys(SignalOptions.SIGNAL_KAFKA_TOPIC, SignalOptions.SIGNAL_KAFKA_BOOTSTRAP_SERVERS);
        assertThat(problems.get(SignalOptions.SIGNAL_KAFKA_TOPIC).get(0)).contains("no signal topic is set")
                .contains("erp-signal");
        assertThat(problems.get(SignalOptions.SIGNAL_KAFKA_BOOTSTRAP_SERVERS).get(0)).contains("no brokers");
        assertThat(io.ctsync.source.plan.StartupChecks.ofConfig(config)).containsKeys(SignalOptions.SIGNAL_KAFKA_TOPIC,
                SignalOptions.SIGNAL_KAFKA_BOOTSTRAP_SERVERS);
    }

    @Test
    void theConnectorsValidateAttachesEachMissingOptionToItself() {
        ChangeTrackingModel model = ChangeTrackingModel.create("signal-validate").enableChangeTracking();
        Map<String, String> props = props(SignalOptions.SIGNAL_ENABLED_CHANNELS, "kafka",
                SignalOptions.SIGNAL_KAFKA_BOOTSTRAP_SERVERS, "kafka:9092",
                "connection.url", ModelDatabaseFactory.url(model),
                SourceConnectorConfig.DATABASE_FACTORY, ModelDatabaseFactory.class.getName(),
                SourceConnectorConfig.SNAPSHOT_MARKERS, "false");

        Map<String, List<String>> errors = new ChangeTrackingSourceConnector().validate(props).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));

        assertThat(errors).containsOnlyKeys(SignalOptions.SIGNAL_KAFKA_TOPIC);
        assertThat(errors.get(SignalOptions.SIGNAL_KAFKA_TOPIC).get(0)).contains("no signal topic is set");
    }

    @Test
    void consumerSettingsTakeTheBrokersAndTheSignalConsumerPrefix() {
        SourceConnectorConfig config = new SourceConnectorConfig(props(SignalOptions.SIGNAL_ENABLED_CHANNELS, "KAFKA",
                SignalOptions.SIGNAL_KAFKA_TOPIC, "erp-signal", SignalOptions.SIGNAL_KAFKA_BOOTSTRAP_SERVERS, "kafka:9092",
                "signal.consumer.security.protocol", "SSL"));

        assertThat(SignalOptions.kafkaEnabled(config)).isTrue();
        assertThat(SignalOptions.problems(config)).isEmpty();
        assertThat(SignalOptions.consumerSettings(config)).containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("security.protocol", "SSL");
    }
}
