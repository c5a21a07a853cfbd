package io.ctsync.source.plan;

import io.ctsync.source.tracking.DatabaseTable;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Spreads the captured tables over at most {@code tasks.max} tasks, balanced by size: largest table first, each to
 * the task with the fewest rows so far (then the fewest tables). Tables of unknown size count as the average. With
 * several databases their tables are planned together: a task may hold tables of several databases.
 */
public final class TaskPlanner {

    private TaskPlanner() {
    }

    /** The tables of one database (the connection's). */
    public static List<List<TableId>> plan(List<TrackedTable> tables, int maxTasks) {
        return plan(Map.of("-", tables), maxTasks).stream()
                .map(group -> group.stream().map(DatabaseTable::table).toList()).toList();
    }

    /** The tables of every captured database, by database. */
    public static List<List<DatabaseTable>> plan(Map<String, List<TrackedTable>> tablesByDatabase, int maxTasks) {
        record Sized(DatabaseTable id, TrackedTable table) {
        }
        List<Sized> tables = new ArrayList<>();
        tablesByDatabase.forEach((database, list) -> list.forEach(t -> tables.add(new Sized(new DatabaseTable(database,
                t.id()), t))));
        int groups = Math.min(maxTasks, tables.size());
        List<List<DatabaseTable>> plan = new ArrayList<>();
        long[] load = new long[groups];
        for (int i = 0; i < groups; i++) {
            plan.add(new ArrayList<>());
        }
        if (groups == 0) {
            return plan;
        }
        long average = Math.max(1, (long) tables.stream().filter(t -> t.table().rowCountEstimate() >= 0)
                .mapToLong(t -> t.table().rowCountEstimate()).average().orElse(1));
        List<Sized> bySize = new ArrayList<>(tables);
        bySize.sort(Comparator.comparingLong((Sized t) -> size(t.table(), average)).reversed().thenComparing(Sized::id));
        for (Sized table : bySize) {
            int target = 0;
            for (int i = 1; i < groups; i++) {
                if (load[i] < load[target] || (load[i] == load[target] && plan.get(i).size() < plan.get(target).size())) {
                    target = i;
                }
            }
            plan.get(target).add(table.id());
            load[target] += size(table.table(), average);
        }
        plan.forEach(group -> group.sort(Comparator.naturalOrder()));
        return plan;
    }

    private static long size(TrackedTable table, long average) {
        return table.rowCountEstimate() >= 0 ? Math.max(1, table.rowCountEstimate()) : average;
    }
}
