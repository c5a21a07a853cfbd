package io.ctsync.source.config;

import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The row filters ({@code table.filter.<schema>.<table>} for the table in every captured database,
 * {@code table.filter.<database>.<schema>.<table>} for one database's table), and which of them governs a table. The
 * qualified key wins over the unqualified one for its database. Database names compare case-insensitively, as SQL
 * Server's default collation compares them; schema and table names as the catalog spells them.
 */
public final class RowFilters {

    /** By the text after {@link SourceConnectorConfig#TABLE_FILTER_PREFIX}, in name order. */
    private final Map<String, String> filters;

    public RowFilters(Map<String, String> filters) {
        this.filters = Map.copyOf(filters);
    }

    /**
     * The key (text after the prefix) whose filter applies to {@code table} of {@code database}: the qualified one if
     * set, else the unqualified one; empty when neither is set.
     */
    public Optional<String> keyOf(String database, TableId table) {
        if (database != null) {
            String qualified = database + "." + table.qualified();
            Optional<String> key = filters.keySet().stream().filter(k -> k.equalsIgnoreCase(qualified)
                    && k.endsWith(table.qualified())).sorted().findFirst();
            if (key.isPresent()) {
                return key;
            }
        }
        return filters.containsKey(table.qualified()) ? Optional.of(table.qualified()) : Optional.empty();
    }

    /** The row filter of {@code table} of {@code database}; empty without one (or a blank one, refused by validate()). */
    public Optional<RowFilter> of(String database, TableId table) {
        return keyOf(database, table).map(filters::get).filter(f -> !f.isBlank()).map(RowFilter::new);
    }

    /**
     * Keys that name no captured table, name a database not captured, or could be read both ways (an unqualified
     * {@code schema.table} of one table and a qualified {@code database.schema.table} of another): by key, what to fix.
     *
     * @param captured the captured tables by database name
     */
    public Map<String, String> problems(Map<String, List<TableId>> captured) {
        Map<String, String> problems = new LinkedHashMap<>();
        filters.forEach((key, filter) -> {
            if (filter.isBlank()) {
                return;
            }
            List<String> unqualified = unqualifiedReadings(key, captured);
            List<String> qualified = qualifiedReadings(key, captured);
            if (!unqualified.isEmpty() && !qualified.isEmpty()) {
                problems.put(key, "'" + key + "' is ambiguous: it names table " + key + " (of databases " + unqualified
                        + ") and table " + qualified.get(0) + "; a filter must name one table, so write "
                        + "<database>.<schema>.<table> keys of their own for the databases meant");
            } else if (unqualified.isEmpty() && qualified.isEmpty()) {
                problems.put(key, notCaptured(key, captured));
            } else {
                shadowingKey(key, captured).ifPresent(other -> problems.put(key, "'" + key + "' and '" + other
                        + "' name the same table (database names compare case-insensitively); keep one of them"));
            }
        });
        return problems;
    }

    /** Another qualified key that {@link #keyOf} picks for the table {@code key} names, if any. */
    private Optional<String> shadowingKey(String key, Map<String, List<TableId>> captured) {
        return captured.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .filter(t -> (e.getKey() + "." + t.qualified()).equalsIgnoreCase(key) && key.endsWith(t.qualified()))
                        .map(t -> keyOf(e.getKey(), t).orElse(key)))
                .filter(picked -> !picked.equals(key)).findFirst();
    }

    private static List<String> unqualifiedReadings(String key, Map<String, List<TableId>> captured) {
        List<String> databases = new ArrayList<>();
        captured.forEach((database, tables) -> {
            if (tables.stream().anyMatch(t -> t.qualified().equals(key))) {
                databases.add(database);
            }
        });
        return databases;
    }

    private static List<String> qualifiedReadings(String key, Map<String, List<TableId>> captured) {
        List<String> tables = new ArrayList<>();
        captured.forEach((database, ids) -> ids.stream()
                .filter(t -> key.endsWith("." + t.qualified())
                        && key.substring(0, key.length() - t.qualified().length() - 1).equalsIgnoreCase(database))
                .forEach(t -> tables.add(t.qualified() + " of database " + database)));
        return tables;
    }

    private static String notCaptured(String key, Map<String, List<TableId>> captured) {
        List<String> everyTable = captured.values().stream().flatMap(List::stream).map(TableId::qualified).distinct().toList();
        int dot = key.indexOf('.');
        boolean databaseCaptured = dot > 0 && captured.keySet().stream().anyMatch(key.substring(0, dot)::equalsIgnoreCase);
        if (dot > 0 && !databaseCaptured && everyTable.contains(key.substring(dot + 1))) {
            return "'" + key + "' names database " + key.substring(0, dot) + ", which the connector does not capture "
                    + "(captured: " + captured.keySet() + "), so this row filter would filter nothing; name a captured "
                    + "database, or drop the database part to filter the table in every database";
        }
        List<String> names = new ArrayList<>(everyTable);
        if (captured.size() > 1) {
            captured.forEach((database, tables) -> tables.forEach(t -> names.add(database + "." + t.qualified())));
        }
        return "'" + key + "' is not a captured table, so this row filter would filter nothing; name a table as "
                + "<schema>.<table>" + (captured.size() > 1 ? " or <database>.<schema>.<table>" : "")
                + " the way the catalog spells it (captured: " + names + ")";
    }
}
