package io.ctsync.source.plan;

import io.ctsync.source.tracking.DatabaseTable;
import io.ctsync.source.tracking.TrackedTable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector thread that lists the captured tables (of every captured database) every interval and asks Connect to re-plan the tasks when a
 * table appeared or disappeared. Failures to list are logged and retried at the next interval.
 */
public final class TableMonitor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TableMonitor.class);

    private final Supplier<Map<String, List<TrackedTable>>> lister;
    private final Runnable recover;
    private final Runnable requestReconfiguration;
    private final long intervalMs;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Map<String, List<TrackedTable>> tables;
    private Thread thread;

    /**
     * @param lister  lists the captured tables, by database
     * @param recover called after a failed listing (e.g. to reconnect) before the next attempt
     */
    public TableMonitor(Supplier<Map<String, List<TrackedTable>>> lister, Runnable recover,
                        Map<String, List<TrackedTable>> initial, Runnable requestReconfiguration, long intervalMs) {
        this.lister = lister;
        this.recover = recover;
        this.tables = copy(initial);
        this.requestReconfiguration = requestReconfiguration;
        this.intervalMs = intervalMs;
    }

    /** The captured tables as last listed, by database. */
    public Map<String, List<TrackedTable>> tables() {
        return tables;
    }

    public void start(String connectorName) {
        thread = new Thread(this, "ctsync-table-monitor-" + connectorName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (!stopped.await(intervalMs, TimeUnit.MILLISECONDS)) {
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void check() {
        Map<String, List<TrackedTable>> listed;
        try {
            listed = lister.get();
        } catch (RuntimeException e) {
            LOG.warn("Could not list the change-tracked tables (retrying in {} ms): {}", intervalMs, e.getMessage());
            recover.run();
            return;
        }
        Set<DatabaseTable> before = ids(tables);
        Set<DatabaseTable> after = ids(listed);
        tables = copy(listed);
        if (!before.equals(after)) {
            LOG.info("Captured tables changed (added {}, removed {}); re-planning tasks",
                    after.stream().filter(t -> !before.contains(t)).toList(),
                    before.stream().filter(t -> !after.contains(t)).toList());
            requestReconfiguration.run();
        }
    }

    public void stop() {
        stopped.countDown();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Set<DatabaseTable> ids(Map<String, List<TrackedTable>> tables) {
        Set<DatabaseTable> ids = new HashSet<>();
        tables.forEach((database, list) -> list.forEach(t -> ids.add(new DatabaseTable(database, t.id()))));
        return ids;
    }

    private static Map<String, List<TrackedTable>> copy(Map<String, List<TrackedTable>> tables) {
        Map<String, List<TrackedTable>> copy = new LinkedHashMap<>();
        tables.forEach((database, list) -> copy.put(database, List.copyOf(list)));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
