package io.ctsync.bench;

import io.ctsync.contract.event.Operation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The benchmark's change stream, the same for every contender: 70 % inserts of new keys, 25 % updates of live
 * keys, 5 % deletes of live keys, change versions rising by one per change, drawn from a fixed seed. The last
 * change inserts a sentinel row; once it is visible in a target table, everything before it was applied.
 */
final class Workload {

    static final String SENTINEL_CUSTOMER = "__sentinel__";
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private final List<Change> changes;
    private final Map<Long, OrderRow> finalState;

    private Workload(List<Change> changes, Map<Long, OrderRow> finalState) {
        this.changes = changes;
        this.finalState = finalState;
    }

    static Workload generate(int events, long seed) {
        if (events < 2) {
            throw new IllegalArgumentException("A workload needs at least 2 events, got " + events);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Change> changes = new ArrayList<>(events);
        Map<Long, OrderRow> state = new HashMap<>(events);
        List<Long> live = new ArrayList<>(events);
        long nextId = 1;
        for (int i = 0; i < events - 1; i++) {
            long version = i + 1;
            int dice = random.nextInt(100);
            if (live.isEmpty() || dice < 70) {
                OrderRow row = row(nextId++, random);
                live.add(row.id());
                state.put(row.id(), row);
                changes.add(new Change(Operation.CREATE, version, row.id(), row));
            } else if (dice < 95) {
                long id = live.get(random.nextInt(live.size()));
                OrderRow row = row(id, random);
                state.put(id, row);
                changes.add(new Change(Operation.UPDATE, version, id, row));
            } else {
                int index = random.nextInt(live.size());
                long id = live.get(index);
                live.set(index, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                state.remove(id);
                changes.add(new Change(Operation.DELETE, version, id, null));
            }
        }
        OrderRow sentinel = new OrderRow(nextId, SENTINEL_CUSTOMER, BigDecimal.ZERO.setScale(2), 0, false, EPOCH,
                null, 0.0, null, "sentinel");
        state.put(sentinel.id(), sentinel);
        changes.add(new Change(Operation.CREATE, events, sentinel.id(), sentinel));
        return new Workload(List.copyOf(changes), state);
    }

    List<Change> changes() {
        return changes;
    }

    Map<Long, OrderRow> finalState() {
        return finalState;
    }

    long sentinelId() {
        return changes.get(changes.size() - 1).id();
    }

    long count(Operation op) {
        return changes.stream().filter(c -> c.op() == op).count();
    }

    private static OrderRow row(long id, SplittableRandom random) {
        BigDecimal amount = BigDecimal.valueOf(random.nextLong(10_000_000L), 2);
        Instant created = EPOCH.plusMillis(random.nextLong(365L * 24 * 3600 * 1000));
        LocalDate ship = random.nextInt(10) == 0 ? null : LocalDate.of(2024, 1, 1).plusDays(random.nextInt(730));
        String note = random.nextInt(4) == 0 ? null : "note " + Long.toString(random.nextLong(), 36);
        return new OrderRow(id, "customer-" + random.nextInt(50_000), amount, random.nextInt(1, 1000),
                random.nextBoolean(), created, ship, random.nextDouble(), note,
                Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
    }
}
