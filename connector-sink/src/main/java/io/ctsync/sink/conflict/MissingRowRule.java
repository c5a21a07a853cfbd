package io.ctsync.sink.conflict;

/** The choice of {@code conflict.update.missing} or {@code conflict.delete.missing}: one fixed outcome. */
final class MissingRowRule implements ConflictRule {

    private final String name;
    private final Outcome outcome;

    /** {@code option=value}, e.g. {@code conflict.update.missing=skip}. */
    public MissingRowRule(String option, String value, Outcome outcome) {
        this.name = option + "=" + value;
        this.outcome = outcome;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Resolution resolve(Conflict conflict) {
        String what = switch (outcome) {
            case APPLIED -> "inserted it";
            case SKIPPED -> "left it missing";
            case MANUAL -> "left for manual resolution";
            case MERGED -> "merged it";
        };
        return Resolution.of(outcome, conflict.situation().description() + "; " + name + " " + what);
    }
}
