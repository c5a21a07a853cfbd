package io.ctsync.sink.state;

import io.ctsync.sink.write.JdbcSession;
import io.ctsync.sink.write.PendingRow;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds back events whose version is not newer than what the row already has. The state table is read once per
 * table and batch (one keyed query, only for keys that carry a version): in {@code table} mode it holds every row's
 * version; in {@code column} mode only delete tombstones, and the gate on the version column runs in the upsert
 * itself. Within the batch the gate remembers what it let through, so an older event behind a newer one of the same
 * key is held back too, and every key's versions rise monotonically through the batch.
 */
public final class VersionGate {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VersionGate.class);

    private final StateStore store;
    private final boolean enabled;
    /** Per state table name: whether it may hold anything for that table (a cheap check before the keyed read). */
    private final Map<String, Boolean> mayHaveState = new HashMap<>();
    /** State names of the tables this task has written tombstones or versions for: the ones it purges. */
    private final java.util.Set<String> maintained = new java.util.LinkedHashSet<>();

    /** {@code enabled=false} ({@code sync.version.mode=off}): every event passes, nothing is remembered. */
    public VersionGate(StateStore store, boolean enabled) {
        this.store = store;
        this.enabled = enabled;
    }

    /** Forget what is known about the state table (another task may have written it for partitions now ours). */
    public void reset() {
        mayHaveState.clear();
    }

    /** The rows of one table to write, in arrival order, without the duplicates (counted). */
    public List<PendingRow> filter(JdbcSession session, List<PendingRow> rows, SinkCounters counters) throws SQLException {
        if (!enabled) {
            return rows;
        }
        List<String> versionedKeys = new ArrayList<>();
        for (PendingRow row : rows) {
            if (row.event().version() != null) {
                versionedKeys.add(row.rowKey());
            }
        }
        if (versionedKeys.isEmpty()) {
            return rows;
        }
        String table = rows.get(0).layout().stateName();
        boolean read = rows.get(0).layout().stateVersions() || mayHaveState(session, table);
        Map<String, AppliedState> known = read ? store.read(session, table, versionedKeys) : new HashMap<>();
        List<PendingRow> kept = new ArrayList<>(rows.size());
        int held = 0;
        for (PendingRow row : rows) {
            Long version = row.event().version();
            if (version != null) {
                AppliedState applied = known.get(row.rowKey());
                if (applied != null && version <= applied.version()) {
                    held++;
                    continue;
                }
                known.put(row.rowKey(), new AppliedState(version, row.event().isDelete()));
            }
            kept.add(row);
        }
        counters.duplicates(held);
        LOG.trace("Version gate on {}: {} rows, {} versioned, state read: {}, {} held back", table, rows.size(),
                versionedKeys.size(), read, held);
        return kept;
    }

    /** The state rows to write for the rows written: every versioned row in table mode, versioned deletes always. */
    public List<StateStore.StateRow> stateRows(List<PendingRow> written) {
        List<StateStore.StateRow> out = new ArrayList<>();
        if (!enabled) {
            return out;
        }
        for (PendingRow row : written) {
            Long version = row.event().version();
            if (version == null || !(row.event().isDelete() || row.layout().stateVersions())) {
                continue;
            }
            out.add(new StateStore.StateRow(row.layout().stateName(), row.rowKey(), version, row.event().isDelete()));
            mayHaveState.put(row.layout().stateName(), Boolean.TRUE);
            maintained.add(row.layout().stateName());
        }
        return out;
    }

    /** The tables whose state this task maintains (and purges); never another connector's. */
    public java.util.Set<String> writtenTables() {
        return java.util.Collections.unmodifiableSet(maintained);
    }

    private boolean mayHaveState(JdbcSession session, String table) throws SQLException {
        Boolean known = mayHaveState.get(table);
        if (known == null) {
            known = store.hasRows(session, table);
            mayHaveState.put(table, known);
        }
        return known;
    }
}
