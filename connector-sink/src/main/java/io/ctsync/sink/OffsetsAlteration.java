package io.ctsync.sink;

import io.ctsync.sink.config.SinkConnectorConfig;
import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.dialect.Dialects;
import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.offset.OffsetStore;
import io.ctsync.sink.park.ParkedStore;
import io.ctsync.sink.schema.TableId;
import java.sql.SQLException;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An offsets change through the Connect REST API (KIP-875), applied to the target: the offsets table the tasks seek
 * to, and the parked records the new offsets bring back (they come again from Kafka). One transaction: all or nothing.
 * The worker changes the consumer group only after this succeeded.
 */
final class OffsetsAlteration {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetsAlteration.class);

    private OffsetsAlteration() {
    }

    static void apply(Map<String, String> props, Map<TopicPartition, Long> offsets) {
        SinkConnectorConfig config = new SinkConnectorConfig(props);
        String connectorName = props.getOrDefault("name", JdbcSinkTask.DEFAULT_CONNECTOR_NAME);
        Dialect dialect = Dialects.create(config.dialectName(), config.connection().url(), props);
        OffsetStore store = new OffsetStore(dialect, TableId.parse(config.offsetsTable()), connectorName);
        ParkedStore parked = new ParkedStore(dialect, TableId.parse(config.failures().parkedTable()), connectorName);
        try (JdbcSession session = new JdbcSession(dialect, config.connection())) {
            store.ensureTable(session);
            parked.ensureTable(session);
            store.alter(session, offsets, System.currentTimeMillis());
            int forgotten = 0;
            for (Map.Entry<TopicPartition, Long> entry : offsets.entrySet()) {
                forgotten += parked.forget(session, entry.getKey(), entry.getValue());
            }
            session.commit();
            LOG.info("Offsets of connector {} altered in {} through the REST API: {}{}", connectorName, store.table(),
                    offsets, forgotten == 0 ? "" : "; " + forgotten + " parked record(s) at or after them forgotten (they "
                            + "come again from Kafka)");
        } catch (SQLException | RuntimeException e) {
            throw new ConnectException("Could not apply the offsets to " + store.table() + " in the target database ("
                    + config.connection().url() + "): " + e.getMessage() + ". The connector's tasks resume from that "
                    + "table, so nothing was changed (Kafka's consumer group neither); make the target reachable and "
                    + "send the request again.", e);
        }
    }
}
