package io.ctsync.sink.conflict;

/** The source's change overwrites the target's: the conflict is only counted, logged and reported. */
final class SourceWins implements ConflictRule {

    @Override
    public String name() {
        return "source-wins";
    }

    @Override
    public Resolution resolve(Conflict conflict) {
        return Resolution.of(Outcome.APPLIED, "source wins: " + conflict.situation().description()
                + "; the source's change was applied over it");
    }
}
