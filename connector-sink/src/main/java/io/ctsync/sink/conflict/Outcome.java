package io.ctsync.sink.conflict;

import java.util.Locale;

/** What a conflict's rule did to the target. */
public enum Outcome {
    /** The source's change was written in full. */
    APPLIED,
    /** Only some of the source's columns were written (a merge). */
    MERGED,
    /** The target was left as it is. */
    SKIPPED,
    /** The target was left as it is and the change went to the conflict topic for a person or a service. */
    MANUAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
