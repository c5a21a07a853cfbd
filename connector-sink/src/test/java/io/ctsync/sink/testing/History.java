package io.ctsync.sink.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A source table's change history as Change Tracking numbers it: one rising version per change, creates, updates
 * and deletes of a set of keys, chosen by a seeded random so every run is the same. Knows the final state the target
 * must converge to.
 */
public final class History {

    /** One change. */
    public record Change(int id, boolean delete, String name, long version) {
    }

    private final List<Change> changes = new ArrayList<>();
    private final Map<Integer, Change> live = new TreeMap<>();

    public History(int keys, int changes, long seed) {
        Random random = new Random(seed);
        long version = 0;
        for (int i = 0; i < changes; i++) {
            int id = 1 + random.nextInt(keys);
            boolean exists = live.containsKey(id);
            boolean delete = exists && random.nextInt(10) < 3;
            Change change = new Change(id, delete, delete ? null : "name-" + id + "-v" + (version + 1), ++version);
            this.changes.add(change);
            if (delete) {
                live.remove(id);
            } else {
                live.put(id, change);
            }
        }
    }

    public List<Change> changes() {
        return Collections.unmodifiableList(changes);
    }

    /** The same changes in another order (a replay mixing old and new versions). */
    public List<Change> shuffled(long seed) {
        List<Change> copy = new ArrayList<>(changes);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    /** id → [name, version] of every row that exists at the end. */
    public Map<Integer, List<String>> finalRows() {
        Map<Integer, List<String>> out = new TreeMap<>();
        live.forEach((id, c) -> out.put(id, List.of(c.name(), Long.toString(c.version()))));
        return out;
    }

    /** id → [name] of every row that exists at the end. */
    public Map<Integer, List<String>> finalNames() {
        Map<Integer, List<String>> out = new TreeMap<>();
        live.forEach((id, c) -> out.put(id, List.of(c.name())));
        return out;
    }

    /** Produces the changes as ctsync events (a delete followed by its tombstone); returns the number of records. */
    public static int produce(TopicProducer producer, String topic, List<Change> changes) {
        int records = 0;
        for (Change c : changes) {
            if (c.delete()) {
                producer.send(topic, Customers.KEY, Customers.key(c.id()), Customers.ENVELOPE.schema(),
                        Customers.delete(c.id(), c.version()));
                producer.tombstone(topic, Customers.KEY, Customers.key(c.id()));
                records += 2;
            } else {
                producer.send(topic, Customers.KEY, Customers.key(c.id()), Customers.ENVELOPE.schema(),
                        Customers.upsert(c.id(), c.name(), "1.00", c.version()));
                records++;
            }
        }
        producer.flush();
        return records;
    }
}
