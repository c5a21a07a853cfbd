package io.ctsync.sink.conflict;

import io.ctsync.sink.record.ChangeEvent;
import java.util.List;
import java.util.Set;

/**
 * What a rule may look at: the situation, the event, the columns the sink writes, which of them the source changed
 * ({@code source.changed_columns}; null when not known, i.e. possibly all) and which changed in the target since the
 * sink last wrote the row (null when the sink has no record of it), and the newer-wins column on both sides.
 */
public record Conflict(Situation situation, ChangeEvent event, List<String> columns, Set<String> sourceChanged,
                       Set<String> targetChanged, String newerColumn, Object sourceNewer, Object targetNewer) {

    /** The source's changed columns among those the sink writes, in column order (all when not known). */
    public List<String> sourceChangedColumns() {
        return sourceChanged == null ? columns : columns.stream().filter(sourceChanged::contains).toList();
    }

    /** True when the target may have changed the column (always, when the sink has no record of the row). */
    public boolean targetChanged(String column) {
        return targetChanged == null || targetChanged.contains(column);
    }
}
