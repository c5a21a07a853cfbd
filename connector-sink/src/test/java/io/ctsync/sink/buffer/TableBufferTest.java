package io.ctsync.sink.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.config.SchemaEvolution;
import io.ctsync.sink.config.VersionMode;
import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.row.PendingRow;
import io.ctsync.sink.row.RowLayoutFixture;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Per-key order survives every way the buffer cuts a table's rows into statement batches. */
class TableBufferTest {

    private final RowLayoutFixture layout = new RowLayoutFixture(TableId.of("t"), SchemaEvolution.BASIC, VersionMode.OFF);
    private int offset;

    @Test
    void withoutReductionAKeysEventsStayInArrivalOrderAndBatchesStayLarge() {
        TableBuffer buffer = new TableBuffer(false);
        List<PendingRow> arrival = List.of(upsert(1), upsert(2), delete(1), upsert(3), delete(4), upsert(1), delete(2));
        arrival.forEach(buffer::add);

        List<StatementGroup> groups = buffer.groups();
        List<PendingRow> executed = new ArrayList<>();
        groups.forEach(g -> executed.addAll(g.rows()));
        for (String key : List.of("1", "2", "3", "4")) {
            assertThat(executed.stream().filter(r -> r.rowKey().equals(key)).toList())
                    .as("events of key " + key).isEqualTo(arrival.stream().filter(r -> r.rowKey().equals(key)).toList());
        }
        assertThat(groups).allSatisfy(g -> assertThat(g.rows()).extracting(PendingRow::rowKey).doesNotHaveDuplicates());
        // u1 u2 | d1 d4 + u3 | u1 + d2: cut only where a key comes back, one group per statement in between.
        assertThat(groups).as("cut only where a key repeats").hasSize(5);
    }

    @Test
    void reductionKeepsTheLastEventOfEachKeyAndOneBatchPerStatement() {
        TableBuffer buffer = new TableBuffer(true);
        PendingRow lastOf1 = upsert(1);
        List.of(upsert(1), delete(1), lastOf1, upsert(2), delete(2)).forEach(buffer::add);
        buffer.add(lastOf1);

        assertThat(buffer.rows()).extracting(r -> r.rowKey() + ":" + r.event().op()).containsExactly("1:UPSERT", "2:DELETE");
        assertThat(buffer.groups()).hasSize(2);
    }

    private PendingRow upsert(int id) {
        return layout.row(id, ChangeEvent.Op.UPSERT, new SinkRecord("t", 0, null, null, null, null, offset++));
    }

    private PendingRow delete(int id) {
        return layout.row(id, ChangeEvent.Op.DELETE, new SinkRecord("t", 0, null, null, null, null, offset++));
    }
}
