package io.ctsync.sink.conflict;

/** Nothing is written; the change goes to the conflict topic with the target row for a person or a service. */
final class Manual implements ConflictRule {

    @Override
    public String name() {
        return "manual";
    }

    @Override
    public Resolution resolve(Conflict conflict) {
        return Resolution.of(Outcome.MANUAL, conflict.situation().description() + "; left for manual resolution");
    }
}
