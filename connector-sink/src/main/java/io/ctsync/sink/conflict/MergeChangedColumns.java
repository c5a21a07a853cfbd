package io.ctsync.sink.conflict;

import java.util.List;

/**
 * Writes only the columns the source changed and keeps the target's edits in the others. A column changed on both
 * sides is a real conflict: the fallback rule decides it (source-wins writes it, target-wins keeps it, manual sends the
 * whole change to the conflict topic). Inserts and deletes have nothing to merge: the fallback decides them.
 */
final class MergeChangedColumns implements ConflictRule {

    private final ConflictRule fallback;

    public MergeChangedColumns(ConflictRule fallback) {
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return "merge-changed-columns";
    }

    @Override
    public Resolution resolve(Conflict conflict) {
        if (conflict.situation() != Situation.UPDATE_MODIFIED) {
            Resolution decided = fallback.resolve(conflict);
            return new Resolution(decided.outcome(), decided.columns(), "nothing to merge; fallback "
                    + fallback.name() + ": " + decided.reason());
        }
        List<String> sourceChanged = conflict.sourceChangedColumns();
        List<String> clash = sourceChanged.stream().filter(conflict::targetChanged).toList();
        if (clash.isEmpty()) {
            return Resolution.merged(sourceChanged, "merged: wrote the source's changes to " + sourceChanged
                    + ", kept the target's changes to " + conflict.targetChanged());
        }
        Resolution decided = fallback.resolve(conflict);
        String both = "columns " + clash + " changed on both sides; fallback " + fallback.name();
        return switch (decided.outcome()) {
            case APPLIED, MERGED -> Resolution.merged(sourceChanged, both + " wrote the source's values to " + sourceChanged);
            case SKIPPED -> {
                List<String> rest = sourceChanged.stream().filter(c -> !clash.contains(c)).toList();
                yield Resolution.merged(rest, both + " kept the target's values; wrote the source's changes to " + rest);
            }
            case MANUAL -> Resolution.of(Outcome.MANUAL, both + ": " + decided.reason());
        };
    }
}
