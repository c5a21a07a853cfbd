package io.ctsync.sink.write;

import static io.ctsync.sink.write.WriterHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.sink.config.SinkConnectorConfig;
import io.ctsync.sink.failure.StructuralFailure;
import io.ctsync.sink.testing.SourceTable;
import io.ctsync.sink.testing.Target;
import io.ctsync.testkit.db.SqliteDatabaseExtension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The writer on its own thread, on a real (SQLite) database: batches end in order with the target's offsets published,
 * a failed batch comes back with its records, and seeks the writer asks for reach the caller's thread.
 */
class BackgroundWriterTest {

    @RegisterExtension
    static final SqliteDatabaseExtension DB = new SqliteDatabaseExtension();

    @Test
    void batchesAreWrittenOnTheWriterThreadAndTheirOffsetsPublishedOnceCommitted() throws Exception {
        String topic = "bg_order";
        SourceTable table = new SourceTable(topic, AbstractSinkWriterTest.ROW);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (BackgroundWriter background = open(WriterHarness.config(DB.database()), "bg-order", ConcurrentHashMap.newKeySet())) {
            background.assign(List.of(partition));
            assertThat(background.committed()).isEmpty();

            background.submit(List.of(event(topic, 0, table, table.create(row(table, 1, "a"), 1)),
                    event(topic, 1, table, table.create(row(table, 2, "b"), 2))));
            assertThatThrownBy(() -> background.submit(List.of())).as("one batch in flight at most")
                    .isInstanceOf(IllegalStateException.class);
            BackgroundWriter.Ended first = background.takeEnded(true);
            assertThat(first.failure()).isNull();
            assertThat(first.records()).hasSize(2);
            assertThat(background.idle()).isTrue();
            assertThat(background.committed()).isEqualTo(Map.of(partition, 2L));

            background.submit(List.of(event(topic, 2, table, table.update(row(table, 1, "a2"), 3))));
            assertThat(background.takeEnded(true).failure()).isNull();
            assertThat(background.committed()).isEqualTo(Map.of(partition, 3L));
            assertThat(background.takeEnded(false)).as("nothing in flight").isNull();
        }
        assertThat(new Target(DB.database()).rowsById(topic, "name")).isEqualTo(Map.of(1, List.of("a2"), 2, List.of("b")));
    }

    @Test
    void aFailedBatchComesBackWithItsRecordsAndCommitsNothing() throws Exception {
        String topic = "bg_missing";
        SourceTable table = new SourceTable(topic, AbstractSinkWriterTest.ROW);
        Map<String, String> config = WriterHarness.config(DB.database());
        config.put(SinkConnectorConfig.SCHEMA_EVOLUTION, "none");
        try (BackgroundWriter background = open(config, "bg-missing", ConcurrentHashMap.newKeySet())) {
            background.assign(List.of(new TopicPartition(topic, 0)));
            List<SinkRecord> batch = List.of(event(topic, 0, table, table.create(row(table, 1, "a"), 1)));
            background.submit(batch);

            BackgroundWriter.Ended ended = background.takeEnded(true);
            assertThat(ended.failure()).isInstanceOf(StructuralFailure.class).hasMessageContaining("does not exist");
            assertThat(ended.records()).isEqualTo(batch);
            assertThat(background.committed()).isEmpty();
        }
    }

    @Test
    void theStoredOffsetsOfNewPartitionsComeBackAsSeeksForTheCallersThread() throws Exception {
        String topic = "bg_seek";
        SourceTable table = new SourceTable(topic, AbstractSinkWriterTest.ROW);
        TopicPartition partition = new TopicPartition(topic, 0);
        Map<String, String> config = WriterHarness.config(DB.database());
        try (WriterHarness earlier = WriterHarness.open(config, "bg-seek", partition)) {
            earlier.write(event(topic, 0, table, table.create(row(table, 1, "a"), 1)),
                    event(topic, 1, table, table.create(row(table, 2, "b"), 2)));
        }
        Set<String> seekingThreads = ConcurrentHashMap.newKeySet();
        try (BackgroundWriter background = open(config, "bg-seek", seekingThreads)) {
            assertThat(background.takeSeeks()).isEmpty();
            background.assign(List.of(partition));

            assertThat(background.takeSeeks()).containsExactly(Map.of(partition, 2L));
            assertThat(seekingThreads).as("the writer read them on its own thread").containsExactly("bg-writer");
            assertThat(background.takeSeeks()).as("taken once").isEmpty();
            assertThat(background.committed()).isEqualTo(Map.of(partition, 2L));
        }
    }

    /** A background writer on thread {@code bg-writer} that notes the threads its writer seeks from. */
    private static BackgroundWriter open(Map<String, String> props, String connector, Set<String> seekingThreads) {
        return new BackgroundWriter("bg-writer", seek -> new SinkWriter(new SinkConnectorConfig(props), props, connector,
                offsets -> {
                    seekingThreads.add(Thread.currentThread().getName());
                    seek.accept(offsets);
                }, null));
    }

    private static Struct row(SourceTable table, int id, String name) {
        return table.newRow().put("id", id).put("name", name);
    }
}
