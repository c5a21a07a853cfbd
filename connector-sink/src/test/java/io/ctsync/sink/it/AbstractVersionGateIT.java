package io.ctsync.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.Customers;
import io.ctsync.sink.testing.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The version gate: whatever Kafka redelivers (a topic replayed from offset 0, old versions interleaved with new
 * ones, a late upsert after a delete), the target ends equal to the source's final state, with versions in a
 * column of the target or, when the target schema must stay untouched, in the sink's state table.
 */
public abstract class AbstractVersionGateIT extends SinkIT {

    /** DDL of a table {@code name} with columns id (key), name, balance, and no version column. */
    protected abstract String plainTableDdl(String name);

    @Test
    void replayingFromOffsetZeroWithOldVersionsInterleavedConvergesToTheSourceState() throws Exception {
        String topic = "gate.replay";
        History history = new History(400, 3000, 7);
        int records = History.produce(producer, topic, history.changes());
        records += History.produce(producer, topic, history.shuffled(11));
        Map<String, String> config = config(topic, "gate_replay");
        start("gate-replay-1", config);
        awaitOffset("gate-replay-1", topic, records);
        assertThat(target.rowsById("gate_replay", "name", "__ctsync_version")).isEqualTo(history.finalRows());

        // A second connector replays the whole topic from offset 0 onto the converged table: nothing changes.
        records += History.produce(producer, topic, history.shuffled(13));
        start("gate-replay-2", config);
        awaitOffset("gate-replay-2", topic, records);
        awaitOffset("gate-replay-1", topic, records);
        assertThat(target.rowsById("gate_replay", "name", "__ctsync_version")).isEqualTo(history.finalRows());
    }

    @Test
    void versionsLiveInTheStateTableWhenTheTargetHasNoVersionColumn() throws Exception {
        String topic = "gate.state";
        database().execute(plainTableDdl("gate_state"));
        History history = new History(30, 300, 21);
        int records = History.produce(producer, topic, history.changes());
        records += History.produce(producer, topic, history.shuffled(22));
        start("gate-state", config(topic, "gate_state"));
        awaitOffset("gate-state", topic, records);

        assertThat(target.rowsById("gate_state", "name")).isEqualTo(history.finalNames());
        List<String> columns = new ArrayList<>(database().rows("SELECT * FROM " + target.quote("gate_state")).get(0).keySet());
        assertThat(columns).map(String::toLowerCase).containsExactly("id", "name", "balance");
        long states = ((Number) database().value("SELECT COUNT(*) FROM " + target.quote("ctsync_sink_state") + " WHERE "
                + target.quote("table_name") + " = 'gate_state'")).longValue();
        assertThat(states).as("one state row per key ever seen").isEqualTo(
                history.changes().stream().map(History.Change::id).distinct().count());
    }

    @Test
    void aLateOlderUpsertCannotResurrectADeletedRowButANewerInsertCan() throws Exception {
        String topic = "gate.late";
        producer.send(topic, Customers.KEY, Customers.key(1), Customers.ENVELOPE.schema(), Customers.create(1, "v1", "1.00", 1));
        producer.send(topic, Customers.KEY, Customers.key(1), Customers.ENVELOPE.schema(), Customers.delete(1, 5));
        producer.flush();
        start("gate-late", config(topic, "gate_late"));
        awaitOffset("gate-late", topic, 2);
        assertThat(target.count("gate_late")).isZero();

        producer.send(topic, Customers.KEY, Customers.key(1), Customers.ENVELOPE.schema(), Customers.upsert(1, "v3", "3.00", 3));
        producer.flush();
        awaitOffset("gate-late", topic, 3);
        assertThat(target.count("gate_late")).as("the v3 upsert is older than the v5 delete").isZero();

        producer.send(topic, Customers.KEY, Customers.key(1), Customers.ENVELOPE.schema(), Customers.create(1, "v7", "7.00", 7));
        producer.flush();
        awaitOffset("gate-late", topic, 4);
        assertThat(target.rowsById("gate_late", "name", "__ctsync_version")).isEqualTo(Map.of(1, List.of("v7", "7")));
    }

    @Test
    void tombstonesArePurgedAfterTheirRetention() throws Exception {
        String topic = "gate.purge";
        producer.send(topic, Customers.KEY, Customers.key(1), Customers.ENVELOPE.schema(), Customers.create(1, "a", "1.00", 1));
        producer.send(topic, Customers.KEY, Customers.key(1), Customers.ENVELOPE.schema(), Customers.delete(1, 2));
        producer.flush();
        Map<String, String> config = config(topic, "gate_purge");
        config.put("sync.tombstone.retention.ms", "1500");
        start("gate-purge", config);
        awaitOffset("gate-purge", topic, 2);
        String tombstones = "SELECT COUNT(*) FROM " + target.quote("ctsync_sink_state") + " WHERE "
                + target.quote("table_name") + " = 'gate_purge'";
        // Written with the delete; gone once older than the retention (the task purges while idle, too).
        Await.value("tombstone purged", () -> ((Number) database().value(tombstones)).longValue(), n -> n == 0);
    }

    private void awaitOffset(String connector, String topic, long next) {
        Await.value(connector + " applied up to offset " + next, () -> target.storedOffsets(connector),
                offsets -> Long.valueOf(next).equals(offsets.get(topic + "-0")));
    }
}
