package io.ctsync.sink.write;

import io.ctsync.sink.config.SinkConnectorConfig;
import io.ctsync.sink.testing.SourceTable;
import io.ctsync.testkit.db.TestDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A {@link SinkWriter} on a test database as a task would run it, minus Kafka and Connect: records are handed to it
 * directly, its seeks are kept, and what it reports as errant (the dead-letter topic) is collected.
 */
final class WriterHarness implements AutoCloseable {

    /** A record reported to the errant record reporter. */
    record Reported(SinkRecord record, Throwable error) {
    }

    final List<Map<TopicPartition, Long>> seeks = new ArrayList<>();
    final List<Reported> reported = new ArrayList<>();
    final SinkWriter writer;

    private WriterHarness(Map<String, String> props, String connectorName) {
        ErrantRecordReporter reporter = (record, error) -> {
            reported.add(new Reported(record, error));
            return CompletableFuture.completedFuture(null);
        };
        this.writer = new SinkWriter(new SinkConnectorConfig(props), props, connectorName, seeks::add, reporter);
    }

    /** The options a sink on {@code db} needs, topics written to tables named like them. */
    static Map<String, String> config(TestDatabase db) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", db.jdbcUrl());
        if (db.user() != null) {
            props.put("connection.user", db.user());
        }
        if (db.password() != null) {
            props.put("connection.password", db.password());
        }
        props.put("table.name.format", "${topic}");
        return props;
    }

    /** A writer as a started task has it, with {@code partitions} assigned (their stored offsets read). */
    static WriterHarness open(Map<String, String> props, String connectorName, TopicPartition... partitions) {
        WriterHarness bench = new WriterHarness(props, connectorName);
        bench.writer.assign(Arrays.asList(partitions));
        return bench;
    }

    void write(SinkRecord... records) throws SQLException, InterruptedException {
        writer.write(Arrays.asList(records));
    }

    /** A change event of {@code table} at {@code offset} of partition 0 of {@code topic}, keyed by its row's id. */
    static SinkRecord event(String topic, long offset, SourceTable table, Struct event) {
        Struct image = event.getStruct("after") != null ? event.getStruct("after") : event.getStruct("before");
        return new SinkRecord(topic, 0, table.keySchema(), table.key(image.getInt32("id")), table.envelopeSchema(), event,
                offset);
    }

    @Override
    public void close() {
        writer.close();
    }
}
