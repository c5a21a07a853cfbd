package io.ctsync.source.config;

import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code table.include.list} / {@code table.exclude.list} applied to the change-tracked tables. An expression matches a
 * table when it matches {@code schema.table} or, for a table of a named database (several databases captured),
 * {@code database.schema.table}: an unqualified entry means the table in every captured database, a qualified one
 * ({@code sales\.dbo\.orders}) the table of that database only.
 */
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

    /** Whether {@code table} of {@code database} (null: the one database of the connection) is captured. */
    public boolean captures(String database, TableId table) {
        boolean included = includes.isEmpty() || includes.stream().anyMatch(p -> matches(p, database, table));
        return included && excludes.stream().noneMatch(p -> matches(p, database, table));
    }

    /** The captured tables, in name order. */
    public List<TrackedTable> select(List<TrackedTable> tracked) {
        return select(null, tracked);
    }

    /** The captured tables of {@code database} (null: the one database of the connection), in name order. */
    public List<TrackedTable> select(String database, List<TrackedTable> tracked) {
        return tracked.stream().filter(t -> captures(database, t.id()))
                .sorted(Comparator.comparing(TrackedTable::id)).toList();
    }

    /** Include-list expressions that match no tracked table (each one names a table the operator expects). */
    public List<String> unmatchedIncludes(List<TrackedTable> tracked) {
        return includes.stream()
                .filter(p -> tracked.stream().noneMatch(t -> p.matcher(t.id().qualified()).matches()))
                .map(Pattern::pattern).toList();
    }

    /** Include-list expressions that match no tracked table of any of the databases. */
    public List<String> unmatchedIncludes(Map<String, List<TrackedTable>> trackedByDatabase) {
        return includes.stream()
                .filter(p -> trackedByDatabase.entrySet().stream().noneMatch(e -> e.getValue().stream()
                        .anyMatch(t -> matches(p, e.getKey(), t.id()))))
                .map(Pattern::pattern).toList();
    }

    private static boolean matches(Pattern pattern, String database, TableId table) {
        return pattern.matcher(table.qualified()).matches()
                || database != null && pattern.matcher(database + "." + table.qualified()).matches();
    }
}
