package io.ctsync.sink.conflict;

/** How an event and the target row disagree. */
enum Situation {
    INSERT_EXISTS("insert-exists", "the source inserted a row the target already has"),
    UPDATE_MODIFIED("update-modified", "the target row was changed by someone else since the sink last wrote it"),
    UPDATE_MISSING("update-missing", "the source updated a row the target does not have"),
    DELETE_MISSING("delete-missing", "the source deleted a row the target does not have"),
    DELETE_MODIFIED("delete-modified", "the source deleted a row that was changed in the target since the sink last wrote it"),
    /** Not a conflict: reported with {@code reconcile.after.snapshot=report} instead of deleted. */
    SNAPSHOT_MISSING("snapshot-missing", "a re-snapshot of the source table did not bring the row: the source no longer has it");

    private final String label;
    private final String description;

    Situation(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** The name in the conflict record, metrics and logs, e.g. {@code update-modified}. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }
}
