package io.ctsync.sink.conflict;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.state.AppliedState;
import io.ctsync.sink.state.StateStore;
import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.row.PendingRow;
import io.ctsync.sink.row.RowLayout;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds and resolves conflicts without a before image. Per table and batch it reads the current target rows of the
 * batch's keys once (locked until the commit) and compares each with what the sink remembers of it (the state table:
 * version, tombstone, column hashes as the sink left it): a row that differs was changed by someone else. Only the first
 * event of a row in a batch can meet someone else's change; the later ones follow the sink's own write. After the
 * batch's writes it reads those rows back once more and remembers them.
 */
public final class ConflictDetector {

    private final ConflictRules rules;
    private final TargetReader reader;

    public ConflictDetector(ConflictRules rules, Dialect dialect) {
        this.rules = rules;
        this.reader = new TargetReader(dialect);
    }

    public boolean detects(TableId table) {
        return rules.detects(table);
    }

    /** The rows to write (some reduced to a merge), the rows resolved without a write, and every conflict's notice. */
    public record Decisions(List<PendingRow> write, List<PendingRow> resolved, Map<PendingRow, ConflictNotice> notices) {
    }

    /** Decides the rows of one table, in arrival order, after the version gate; {@code stored}: their state. */
    public Decisions decide(JdbcSession session, List<PendingRow> rows, Map<String, AppliedState> stored, long nowMs)
            throws SQLException {
        Map<String, PendingRow> firsts = new LinkedHashMap<>();
        rows.forEach(row -> firsts.putIfAbsent(row.rowKey(), row));
        Map<String, TargetRow> current = read(session, firsts.values(), true);
        List<PendingRow> write = new ArrayList<>(rows.size());
        List<PendingRow> resolved = new ArrayList<>();
        Map<PendingRow, ConflictNotice> notices = new IdentityHashMap<>();
        // Whether each row exists in the target as the batch goes: merges update existing rows only.
        Map<String, Boolean> present = new HashMap<>();
        boolean merge = !rows.isEmpty() && rules.merges(rows.get(0).layout().tableId());
        for (PendingRow row : rows) {
            Boolean exists = present.get(row.rowKey());
            if (exists != null) {
                PendingRow next = merge && exists ? changedColumnsOnly(row) : row;
                (next == null ? resolved : write).add(next == null ? row : next);
                present.put(row.rowKey(), next == null ? exists : !row.event().isDelete());
                continue;
            }
            TargetRow target = current.get(row.rowKey());
            AppliedState state = stored.get(row.rowKey());
            Set<String> targetChanged = state != null && !state.deleted() && state.rowHashes() != null && target != null
                    ? RowHashes.changed(state.rowHashes(), target.values()) : null;
            Situation situation = situation(row.event(), target != null, state, targetChanged);
            if (situation == null) {
                PendingRow next = merge && target != null ? changedColumnsOnly(row) : row;
                (next == null ? resolved : write).add(next == null ? row : next);
                present.put(row.rowKey(), next == null ? target != null : !row.event().isDelete());
                continue;
            }
            TableId table = row.layout().tableId();
            ConflictRule rule = rules.ruleFor(table, situation);
            Set<String> sourceChanged = sourceChanged(row);
            String newer = rules.newerColumn() == null ? null : row.layout().valueColumn(rules.newerColumn());
            Resolution resolution = rule.resolve(new Conflict(situation, row.event(), row.layout().valueColumns(),
                    sourceChanged, targetChanged, newer, newer == null ? null : row.layout().value(row.event(), newer),
                    target == null ? null : target.newer()));
            PendingRow decided = resolution.outcome() == Outcome.MERGED ? row.withOnlyColumns(resolution.columns()) : row;
            boolean written = resolution.outcome() == Outcome.APPLIED || resolution.outcome() == Outcome.MERGED;
            (written ? write : resolved).add(decided);
            present.put(row.rowKey(), written ? !row.event().isDelete() : target != null);
            notices.put(decided, new ConflictNotice(row.event(), table, row.rowKey(), situation, rule.name(), resolution,
                    target, sourceChanged, targetChanged, nowMs));
        }
        return new Decisions(write, resolved, notices);
    }

    /**
     * A delete the sink decides itself (reconciliation after a re-snapshot) of a row whose current values are
     * {@code values} and which it last left as {@code storedHashes} (null: no record of it): null when nobody changed
     * the row since, else the {@code delete-modified} conflict with the table's rule's resolution.
     */
    public ConflictNotice staleDelete(ChangeEvent event, String rowKey, Map<String, Object> values, String storedHashes,
                                      long nowMs) {
        Set<String> changed = storedHashes == null ? Set.of() : RowHashes.changed(storedHashes, values);
        if (changed.isEmpty()) {
            return null;
        }
        ConflictRule rule = rules.ruleFor(event.table(), Situation.DELETE_MODIFIED);
        Resolution resolution = rule.resolve(new Conflict(Situation.DELETE_MODIFIED, event, List.copyOf(values.keySet()),
                null, changed, null, null, null));
        return new ConflictNotice(event, event.table(), rowKey, Situation.DELETE_MODIFIED, rule.name(), resolution,
                new TargetRow(values, null), null, changed, nowMs);
    }

    /** A row a re-snapshot did not bring, reported (not deleted) under {@code reconcile.after.snapshot=report}. */
    public static ConflictNotice snapshotMissing(ChangeEvent event, String rowKey, Map<String, Object> values, String rule,
                                                 String reason, long nowMs) {
        return new ConflictNotice(event, event.table(), rowKey, Situation.SNAPSHOT_MISSING, rule,
                Resolution.of(Outcome.SKIPPED, reason), new TargetRow(values, null), null, null, nowMs);
    }

    /**
     * After the batch's writes: how the sink left the rows (each row's last event that was written or resolved, in
     * arrival order in {@code done}), read back from the target, as state rows.
     */
    public List<StateStore.StateRow> remember(JdbcSession session, List<PendingRow> done) throws SQLException {
        Map<String, PendingRow> last = new LinkedHashMap<>();
        done.forEach(row -> last.put(row.rowKey(), row));
        Map<String, TargetRow> now = read(session, last.values(), false);
        List<StateStore.StateRow> out = new ArrayList<>(last.size());
        for (PendingRow row : last.values()) {
            TargetRow target = now.get(row.rowKey());
            out.add(new StateStore.StateRow(row.layout().stateName(), row.rowKey(), row.event().version(), target == null,
                    target == null ? null : target.hashes()));
        }
        return out;
    }

    /**
     * How the event meets the target, or null when it does not conflict. Without a record of the row (never written by
     * the sink, or written before detection was on) only an insert meeting a row and an update meeting none can tell.
     */
    static Situation situation(ChangeEvent event, boolean exists, AppliedState state, Set<String> targetChanged) {
        boolean deletedBySink = state != null && state.deleted();
        boolean known = state != null && !state.deleted() && state.rowHashes() != null;
        if (event.isDelete()) {
            if (!exists) {
                return deletedBySink ? null : Situation.DELETE_MISSING;
            }
            if (known) {
                return targetChanged.isEmpty() ? null : Situation.DELETE_MODIFIED;
            }
            return deletedBySink ? Situation.DELETE_MODIFIED : null;
        }
        if (!exists) {
            return !deletedBySink && (event.isUpdate() || (event.sourceOp() == null && known)) ? Situation.UPDATE_MISSING : null;
        }
        if (known) {
            return targetChanged.isEmpty() ? null : Situation.UPDATE_MODIFIED;
        }
        if (event.isInsert()) {
            return Situation.INSERT_EXISTS;
        }
        return deletedBySink ? Situation.UPDATE_MODIFIED : null;
    }

    /**
     * Under merge-changed-columns an update writes only the columns the source changed, conflict or not, so edits of
     * other columns in the target survive later events too; null when it changes none of the sink's columns.
     */
    private static PendingRow changedColumnsOnly(PendingRow row) {
        Set<String> changed = row.event().isUpdate() ? sourceChanged(row) : null;
        if (changed == null) {
            return row;
        }
        return changed.isEmpty() ? null : row.withOnlyColumns(List.copyOf(changed));
    }

    private static Set<String> sourceChanged(PendingRow row) {
        List<String> changed = row.event().changedColumns();
        if (changed == null) {
            return null;
        }
        Set<String> columns = new LinkedHashSet<>();
        for (String name : changed) {
            String column = row.layout().valueColumn(name);
            if (column != null) {
                columns.add(column);
            }
        }
        return columns;
    }

    private Map<String, TargetRow> read(JdbcSession session, Iterable<PendingRow> rows, boolean lock) throws SQLException {
        Map<RowLayout, List<PendingRow>> byLayout = new IdentityHashMap<>();
        rows.forEach(row -> byLayout.computeIfAbsent(row.layout(), l -> new ArrayList<>()).add(row));
        Map<String, TargetRow> out = new HashMap<>();
        for (Map.Entry<RowLayout, List<PendingRow>> entry : byLayout.entrySet()) {
            String newer = rules.newerColumn() == null ? null : entry.getKey().valueColumn(rules.newerColumn());
            out.putAll(reader.read(session, entry.getKey(), entry.getValue(), newer, lock));
        }
        return out;
    }
}
