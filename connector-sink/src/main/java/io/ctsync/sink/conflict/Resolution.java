package io.ctsync.sink.conflict;

import java.util.List;

/** A rule's verdict: the outcome, the columns to write when it is a merge, and why, in words. */
public record Resolution(Outcome outcome, List<String> columns, String reason) {

    public Resolution {
        columns = columns == null ? null : List.copyOf(columns);
    }

    public static Resolution of(Outcome outcome, String reason) {
        return new Resolution(outcome, null, reason);
    }

    /** Writes these columns only; none left to write means the target stays as it is. */
    public static Resolution merged(List<String> columns, String reason) {
        return columns.isEmpty() ? of(Outcome.SKIPPED, reason) : new Resolution(Outcome.MERGED, columns, reason);
    }
}
