package io.ctsync.sink.testing;

import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.contract.event.SnapshotMarker;
import io.ctsync.contract.event.SourceBlock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.apache.kafka.connect.data.Struct;

/**
 * A ctsync source's topic of {@code erp.sales.dbo.customers} over several partitions, written as the source writes it:
 * a snapshot framed by begin and end markers on every partition (the table's envelope with no key, as the source
 * writes them now), rows and changes to the partition of their key
 * ({@code id % partitions}), so each test knows how many records each partition holds.
 */
public final class SnapshotStream {

    private final TopicProducer producer;
    private final String topic;
    private final int partitions;
    private final Map<Integer, Long> sent = new TreeMap<>();

    public SnapshotStream(TopicProducer producer, String topic, int partitions) {
        this.producer = producer;
        this.topic = topic;
        this.partitions = partitions;
        for (int p = 0; p < partitions; p++) {
            sent.put(p, 0L);
        }
    }

    /** A snapshot anchored at {@code v0} of the rows {@code ids}, each named by {@code name}. */
    public void snapshot(long v0, Iterable<Integer> ids, IntFunction<String> name) {
        markers(SnapshotControl.Kind.BEGIN, v0);
        for (int id : ids) {
            SourceBlock source = new SourceBlock("0.1.0", "erp", v0, SnapshotMarker.TRUE, "sales", "dbo", "customers", v0,
                    null, null, null);
            send(id, Customers.ENVELOPE.read(Customers.row(id, name.apply(id), id + ".00"), source, 0L));
        }
        markers(SnapshotControl.Kind.END, v0);
    }

    public void create(int id, String name, long version) {
        send(id, Customers.create(id, name, id + ".00", version));
    }

    public void update(int id, String name, long version) {
        send(id, Customers.upsert(id, name, id + ".00", version));
    }

    public void delete(int id, long version) {
        send(id, Customers.delete(id, version));
    }

    /** The next offset per partition once everything sent is applied, as {@code topic-partition}. */
    public Map<String, Long> endOffsets() {
        Map<String, Long> out = new TreeMap<>();
        sent.forEach((p, n) -> out.put(topic + "-" + p, n));
        return out;
    }

    private void markers(SnapshotControl.Kind kind, long v0) {
        for (int p = 0; p < partitions; p++) {
            SnapshotControl marker = new SnapshotControl(kind, SnapshotControl.snapshotId(v0), v0, p, partitions, "erp",
                    "sales", "dbo", "customers", 0L);
            SourceBlock source = new SourceBlock("0.1.0", "erp", 0L, SnapshotMarker.TRUE, "sales", "dbo", "customers", v0,
                    null, null, null);
            producer.send(topic, p, null, null, Customers.ENVELOPE.schema(), Customers.ENVELOPE.control(marker, source),
                    Map.of(SnapshotControl.HEADER, kind.value()));
            sent.merge(p, 1L, Long::sum);
        }
    }

    private void send(int id, Struct value) {
        int p = id % partitions;
        producer.send(topic, p, Customers.KEY, Customers.key(id), Customers.ENVELOPE.schema(), value, new HashMap<>());
        sent.merge(p, 1L, Long::sum);
    }
}
