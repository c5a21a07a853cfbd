package io.ctsync.bench;

import io.ctsync.contract.event.Operation;
import io.ctsync.contract.event.SourceFields;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;

/**
 * The raw pipeline: what any Connect sink could reach on this input. A plain Kafka consumer reads the topic (one poll
 * of up to the batch size at a time, the consumer's other settings at their defaults, as a worker's), the same
 * converter turns each record into Connect data, and the raw-JDBC applier writes each poll in one transaction on a
 * writer thread of its own ({@link PipelineWriter}), so polling and converting the next batch overlap with writing
 * this one: the most a worker's task thread (which polls and converts) with an asynchronous writer behind
 * {@code put()} could do. No Connect worker, no sink framework, no version gate. Apply time runs from the first
 * batch's commit (its rows appearing, as for the connectors) to the last's.
 */
final class RawPipelineRun {

    static final String NAME = "raw pipeline (Kafka consumer + converter + raw JDBC)";
    private static final long MS_PER_DAY = 86_400_000L;

    private RawPipelineRun() {
    }

    static RunResult run(BenchCluster cluster, BenchDatabase db, String topic, Serialization format, long records,
                         int batchSize, Duration timeout) throws Exception {
        System.out.printf("Running the raw pipeline into %s (%s)...%n", db.kind(), format.label());
        String table = "orders_pipeline_" + format.tableSuffix();
        Converter keys = format.newConverter(true);
        Converter values = format.newConverter(false);
        try (HeapSampler heap = HeapSampler.start()) {
            long start = System.nanoTime();
            long firstBatch;
            long consumed = 0;
            long deadline = start + timeout.toNanos();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(cluster, batchSize);
                 RawJdbcApplier applier = RawJdbcApplier.open(db, table);
                 PipelineWriter writer = new PipelineWriter(applier)) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                while (consumed < records) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(NAME + " did not apply all records within " + timeout);
                    }
                    ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(100));
                    if (polled.isEmpty()) {
                        continue;
                    }
                    List<Change> changes = new ArrayList<>(polled.count());
                    for (ConsumerRecord<byte[], byte[]> record : polled) {
                        Change change = change(topic, keys, values, record);
                        if (change != null) {
                            changes.add(change);
                        }
                    }
                    writer.submit(changes);
                    consumed += polled.count();
                }
                writer.finish();
                firstBatch = writer.firstCommitNanos();
                System.out.printf("Raw pipeline: %d batches committed%n", writer.batches());
            }
            long end = System.nanoTime();
            try (Connection connection = db.open(db.jdbcUrl())) {
                return new RunResult(NAME, db.kind(), format.label(), consumed, end - start, end - firstBatch,
                        heap.baselineBytes(), heap.peakBytes(), TableDigest.of(connection, table), null);
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(BenchCluster cluster, int batchSize) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The change a record carries, or null for a tombstone (its delete event came just before it). */
    private static Change change(String topic, Converter keys, Converter values, ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        Struct key = (Struct) keys.toConnectData(topic, record.key()).value();
        Struct envelope = (Struct) values.toConnectData(topic, record.value()).value();
        Operation op = Operation.forCode(envelope.getString("op")).orElseThrow();
        long version = envelope.getStruct("source").getInt64(SourceFields.CHANGE_VERSION);
        long id = key.getInt64("id");
        return new Change(op, version, id, op == Operation.DELETE ? null : row(envelope.getStruct("after")));
    }

    private static OrderRow row(Struct after) {
        Date shipDate = (Date) after.get("ship_date");
        return new OrderRow(after.getInt64("id"), after.getString("customer"), (BigDecimal) after.get("amount"),
                after.getInt32("quantity"), after.getBoolean("active"), ((Date) after.get("created_at")).toInstant(),
                shipDate == null ? null : LocalDate.ofEpochDay(Math.floorDiv(shipDate.getTime(), MS_PER_DAY)),
                after.getFloat64("ratio"), after.getString("note"), after.getString("code"));
    }
}
