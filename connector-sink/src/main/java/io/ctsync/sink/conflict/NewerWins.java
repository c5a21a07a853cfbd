package io.ctsync.sink.conflict;

/**
 * The side whose {@code conflict.newer.column} holds the newer value wins; ties go to the target. A delete carries no
 * value of the column (Change Tracking gives no before image), so against a changed target row the target wins.
 */
final class NewerWins implements ConflictRule {

    @Override
    public String name() {
        return "newer-wins";
    }

    @Override
    public Resolution resolve(Conflict conflict) {
        String column = conflict.newerColumn();
        if (conflict.event().isDelete()) {
            return Resolution.of(Outcome.SKIPPED, "newer wins: " + conflict.situation().description() + "; a delete "
                    + "carries no " + column + " to compare, so the target's change is kept");
        }
        int comparison = NewerValues.compare(conflict.sourceNewer(), conflict.targetNewer());
        String values = " (source " + column + " " + conflict.sourceNewer() + ", target " + conflict.targetNewer() + ")";
        return comparison > 0
                ? Resolution.of(Outcome.APPLIED, "newer wins: the source's change is newer" + values)
                : Resolution.of(Outcome.SKIPPED, "newer wins: the target's row is " + (comparison == 0 ? "as new" : "newer")
                        + values + "; ties go to the target");
    }
}
