package io.ctsync.sink.config;

/** What the sink does with target rows a re-snapshot did not bring ({@code reconcile.after.snapshot}). */
public enum ReconcileMode {
    /** Delete them (under the conflict rules for rows the target changed). */
    DELETE,
    /** Leave them. */
    KEEP,
    /** Leave them, count them and list their keys on the conflict topic. */
    REPORT;

    public String optionValue() {
        return EnumValidator.optionValue(this);
    }
}
