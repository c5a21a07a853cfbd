package io.ctsync.sink.config;

/** What the sink does when the target row was changed by someone else ({@code conflict.policy}). */
public enum ConflictPolicy {
    /** Overwrite the target's change; count and log the conflict. */
    SOURCE_WINS,
    /** Keep the target row; skip the change. */
    TARGET_WINS,
    /** Compare {@code conflict.newer.column} on both sides; ties go to the target. */
    NEWER_WINS,
    /** Write only the columns the source changed; a column changed on both sides falls back to another rule. */
    MERGE_CHANGED_COLUMNS,
    /** Write nothing; send the change with the target row to the conflict topic. */
    MANUAL;

    public String optionValue() {
        return EnumValidator.optionValue(this);
    }
}
