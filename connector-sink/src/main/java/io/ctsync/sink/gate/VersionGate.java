package io.ctsync.sink.gate;

import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.row.PendingRow;
import io.ctsync.sink.state.AppliedState;
import io.ctsync.sink.state.SinkCounters;
import io.ctsync.sink.state.StateStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds back events whose version is not newer than what the row already has. The state table is read once per
 * table and batch (one keyed query, only for keys that carry a version): in {@code table} mode it holds every row's
 * version; in {@code column} mode only delete tombstones, and the gate on the version column runs in the upsert
 * itself. Within the batch the gate remembers what it let through, so an older event behind a newer one of the same
 * key is held back too, and every key's versions rise monotonically through the batch.
 */
public final class VersionGate {

    private static final Logger LOG = LoggerFactory.getLogger(VersionGate.class);

    private final StateStore store;
    private final GatePolicy policy;
    /** Per state table name: whether it may hold anything for that table (a cheap check before the keyed read). */
    private final Map<String, Boolean> mayHaveState = new HashMap<>();
    /** State names of the tables this task has written tombstones or versions for: the ones it purges. */
    private final Set<String> maintained = new LinkedHashSet<>();

    /** With the gate off ({@code sync.version.mode=off}) every event passes and nothing is remembered. */
    public VersionGate(StateStore store, GatePolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** Forget what is known about the state table (another task may have written it for partitions now ours). */
    public void reset() {
        mayHaveState.clear();
    }

    /**
     * The stored state of the rows of one table, read once for the batch: the versioned keys' states when the gate
     * needs them, every key's when {@code everyKey} (conflict detection compares with the stored row hashes).
     */
    public Map<String, AppliedState> read(JdbcSession session, List<PendingRow> rows, boolean everyKey) throws SQLException {
        Set<String> keys = new LinkedHashSet<>();
        for (PendingRow row : rows) {
            if (everyKey || policy.gates(row.event())) {
                keys.add(row.rowKey());
            }
        }
        if (keys.isEmpty()) {
            return Map.of();
        }
        String table = rows.get(0).layout().stateName();
        boolean read = everyKey || rows.get(0).layout().stateVersions() || mayHaveState(session, table);
        Map<String, AppliedState> known = read ? store.read(session, table, List.copyOf(keys)) : Map.of();
        LOG.trace("State of {}: {} keys asked, read: {}, {} known", table, keys.size(), read, known.size());
        return known;
    }

    /** The rows of one table to write, in arrival order, without the duplicates (counted). */
    public List<PendingRow> filter(List<PendingRow> rows, Map<String, AppliedState> stored, SinkCounters counters) {
        if (!policy.enabled()) {
            return rows;
        }
        Map<String, Long> passed = new HashMap<>();
        List<PendingRow> kept = new ArrayList<>(rows.size());
        int held = 0;
        for (PendingRow row : rows) {
            Long version = row.event().version();
            if (policy.gates(row.event())) {
                Long applied = passed.containsKey(row.rowKey()) ? passed.get(row.rowKey()) : appliedVersion(stored, row);
                if (applied != null && version <= applied) {
                    held++;
                    continue;
                }
                passed.put(row.rowKey(), version);
            }
            kept.add(row);
        }
        counters.duplicates(held);
        return kept;
    }

    /** The state rows to write for the rows written: every versioned row in table mode, versioned deletes always. */
    public List<StateStore.StateRow> stateRows(List<PendingRow> written) {
        List<StateStore.StateRow> out = new ArrayList<>();
        if (!policy.enabled()) {
            return out;
        }
        for (PendingRow row : written) {
            Long version = row.event().version();
            if (version == null || !(row.event().isDelete() || row.layout().stateVersions())) {
                continue;
            }
            out.add(new StateStore.StateRow(row.layout().stateName(), row.rowKey(), version, row.event().isDelete()));
            maintain(row.layout().stateName());
        }
        return out;
    }

    /** Notes that the state table now holds rows of this table (written by the gate or by conflict detection). */
    public void maintain(String stateName) {
        mayHaveState.put(stateName, Boolean.TRUE);
        maintained.add(stateName);
    }

    /** The tables whose state this task maintains (and purges); never another connector's. */
    public Set<String> writtenTables() {
        return Collections.unmodifiableSet(maintained);
    }

    private static Long appliedVersion(Map<String, AppliedState> stored, PendingRow row) {
        AppliedState applied = stored.get(row.rowKey());
        return applied == null ? null : applied.version();
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
