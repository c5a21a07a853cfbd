package io.ctsync.source.config;

import io.ctsync.source.tracking.TrackedTable;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** {@code table.include.list} / {@code table.exclude.list} applied to the change-tracked tables. */
public final class TableSelector {

    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    public TableSelector(SourceConnectorConfig config) {
        this.includes = config.tableIncludes();
        this.excludes = config.tableExcludes();
    }

    public boolean captures(String qualifiedTable) {
        boolean included = includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(qualifiedTable).matches());
        return included && excludes.stream().noneMatch(p -> p.matcher(qualifiedTable).matches());
    }

    /** The captured tables, in name order. */
    public List<TrackedTable> select(List<TrackedTable> tracked) {
        return tracked.stream().filter(t -> captures(t.id().qualified()))
                .sorted(Comparator.comparing(TrackedTable::id)).toList();
    }

    /** Include-list expressions that match no tracked table (each one names a table the operator expects). */
    public List<String> unmatchedIncludes(List<TrackedTable> tracked) {
        return includes.stream()
                .filter(p -> tracked.stream().noneMatch(t -> p.matcher(t.id().qualified()).matches()))
                .map(Pattern::pattern).toList();
    }
}
