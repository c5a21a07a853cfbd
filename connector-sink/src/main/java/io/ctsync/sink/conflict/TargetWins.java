package io.ctsync.sink.conflict;

/** The target row stays as it is; the source's change is skipped. */
final class TargetWins implements ConflictRule {

    @Override
    public String name() {
        return "target-wins";
    }

    @Override
    public Resolution resolve(Conflict conflict) {
        return Resolution.of(Outcome.SKIPPED, "target wins: " + conflict.situation().description()
                + "; the source's change was skipped");
    }
}
