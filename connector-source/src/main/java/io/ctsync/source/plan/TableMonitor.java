package io.ctsync.source.plan;

import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connector thread that lists the captured tables every interval and asks Connect to re-plan the tasks when a
 * table appeared or disappeared. Failures to list are logged and retried at the next interval.
 */
public final class TableMonitor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TableMonitor.class);

    private final Supplier<List<TrackedTable>> lister;
    private final Runnable recover;
    private final Runnable requestReconfiguration;
    private final long intervalMs;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile List<TrackedTable> tables;
    private Thread thread;

    /**
     * @param lister  lists the captured tables
     * @param recover called after a failed listing (e.g. to reconnect) before the next attempt
     */
    public TableMonitor(Supplier<List<TrackedTable>> lister, Runnable recover, List<TrackedTable> initial,
                        Runnable requestReconfiguration, long intervalMs) {
        this.lister = lister;
        this.recover = recover;
        this.tables = List.copyOf(initial);
        this.requestReconfiguration = requestReconfiguration;
        this.intervalMs = intervalMs;
    }

    /** The captured tables as last listed. */
    public List<TrackedTable> tables() {
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
        List<TrackedTable> listed;
        try {
            listed = lister.get();
        } catch (RuntimeException e) {
            LOG.warn("Could not list the change-tracked tables (retrying in {} ms): {}", intervalMs, e.getMessage());
            recover.run();
            return;
        }
        Set<TableId> before = ids(tables);
        Set<TableId> after = ids(listed);
        tables = List.copyOf(listed);
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

    private static Set<TableId> ids(List<TrackedTable> tables) {
        return tables.stream().map(TrackedTable::id).collect(Collectors.toSet());
    }
}
