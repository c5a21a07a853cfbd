package io.ctsync.sink.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Deliveries gather until a batch is full or its first record has waited long enough; nothing is reordered. */
class PendingRecordsTest {

    private long offset;

    @Test
    void aBatchIsDueWhenFullOrWhenItsFirstRecordHasWaitedTheLinger() {
        PendingRecords pending = new PendingRecords(5, 100);
        assertThat(pending.due(0)).as("nothing waits").isFalse();
        assertThat(pending.waitMs(0)).isZero();

        pending.add(records("a", 0, 3), 1_000);
        assertThat(pending.due(1_000)).isFalse();
        assertThat(pending.waitMs(1_040)).isEqualTo(60);
        pending.add(records("a", 0, 1), 1_050);
        assertThat(pending.waitMs(1_050)).as("the first record's wait counts, not the latest's").isEqualTo(50);
        assertThat(pending.due(1_099)).isFalse();
        assertThat(pending.due(1_100)).as("lingered").isTrue();

        assertThat(pending.drain()).hasSize(4);
        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.size()).isZero();
        pending.add(records("a", 0, 4), 2_000);
        assertThat(pending.due(2_000)).isFalse();
        pending.add(records("a", 0, 3), 2_001);
        assertThat(pending.due(2_001)).as("full: 7 records, more than a batch, written whole").isTrue();
        assertThat(pending.size()).isEqualTo(7);
    }

    @Test
    void aZeroLingerWritesEveryDeliveryAtOnce() {
        PendingRecords pending = new PendingRecords(5_000, 0);
        pending.add(records("a", 0, 1), 10);
        assertThat(pending.due(10)).isTrue();
    }

    @Test
    void aDeliveryTakenBackLeavesTheEarlierOnesInArrivalOrder() {
        PendingRecords pending = new PendingRecords(100, 1_000);
        List<SinkRecord> first = records("a", 0, 3);
        List<SinkRecord> second = records("a", 0, 2);
        pending.add(first, 0);
        int mark = pending.add(second, 5);
        pending.takeBack(mark);
        assertThat(pending.records()).containsExactlyElementsOf(first);
        pending.add(second, 6);
        List<SinkRecord> both = new ArrayList<>(first);
        both.addAll(second);
        assertThat(pending.records()).as("delivered again, after the earlier ones").containsExactlyElementsOf(both);
        assertThat(pending.waitMs(6)).as("still timed from the first delivery").isEqualTo(994);
    }

    @Test
    void revokedPartitionsLoseTheirRecordsOnly() {
        PendingRecords pending = new PendingRecords(100, 1_000);
        List<SinkRecord> kept = records("a", 1, 2);
        pending.add(records("a", 0, 2), 0);
        pending.add(kept, 0);
        pending.add(records("b", 1, 3), 0);

        assertThat(pending.drop(Set.of(new TopicPartition("a", 0), new TopicPartition("b", 1)))).isEqualTo(5);
        assertThat(pending.records()).containsExactlyElementsOf(kept);
    }

    @Test
    void aRecordRenamedByATransformIsDroppedByTheTopicItWasReadFrom() {
        PendingRecords pending = new PendingRecords(100, 1_000);
        SinkRecord read = records("orders", 0, 1).get(0);
        SinkRecord renamed = read.newRecord("renamed.orders", 0, null, null, null, "v", read.timestamp());
        pending.add(List.of(renamed), 0);

        assertThat(pending.drop(Set.of(new TopicPartition("renamed.orders", 0)))).isZero();
        assertThat(pending.drop(Set.of(new TopicPartition("orders", 0)))).isEqualTo(1);
    }

    @Test
    void nonsenseSizesAreRefused() {
        assertThatThrownBy(() -> new PendingRecords(0, 10)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new PendingRecords(10, -1)).hasMessageContaining("at least 0");
    }

    private List<SinkRecord> records(String topic, int partition, int count) {
        List<SinkRecord> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new SinkRecord(topic, partition, null, null, Schema.STRING_SCHEMA, "v" + offset, offset++));
        }
        return out;
    }
}
