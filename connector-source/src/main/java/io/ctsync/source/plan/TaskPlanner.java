package io.ctsync.source.plan;

import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Spreads the captured tables over at most {@code tasks.max} tasks, balanced by size: largest table first, each to
 * the task with the fewest rows so far (then the fewest tables). Tables of unknown size count as the average.
 */
public final class TaskPlanner {

    private TaskPlanner() {
    }

    public static List<List<TableId>> plan(List<TrackedTable> tables, int maxTasks) {
        int groups = Math.min(maxTasks, tables.size());
        List<List<TableId>> plan = new ArrayList<>();
        long[] load = new long[groups];
        for (int i = 0; i < groups; i++) {
            plan.add(new ArrayList<>());
        }
        if (groups == 0) {
            return plan;
        }
        long average = Math.max(1, (long) tables.stream().filter(t -> t.rowCountEstimate() >= 0)
                .mapToLong(TrackedTable::rowCountEstimate).average().orElse(1));
        List<TrackedTable> bySize = new ArrayList<>(tables);
        bySize.sort(Comparator.comparingLong((TrackedTable t) -> size(t, average)).reversed().thenComparing(TrackedTable::id));
        for (TrackedTable table : bySize) {
            int target = 0;
            for (int i = 1; i < groups; i++) {
                if (load[i] < load[target] || (load[i] == load[target] && plan.get(i).size() < plan.get(target).size())) {
                    target = i;
                }
            }
            plan.get(target).add(table.id());
            load[target] += size(table, average);
        }
        plan.forEach(group -> group.sort(Comparator.naturalOrder()));
        return plan;
    }

    private static long size(TrackedTable table, long average) {
        return table.rowCountEstimate() >= 0 ? Math.max(1, table.rowCountEstimate()) : average;
    }
}
