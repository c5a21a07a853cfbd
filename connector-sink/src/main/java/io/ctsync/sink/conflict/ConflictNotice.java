package io.ctsync.sink.conflict;

import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.schema.TableId;
import java.util.Set;

/**
 * One conflict as detected and resolved: for the counters, the log and the conflict topic. {@code target} is null when
 * the row is missing; {@code targetChanged} null when the sink has no record of the row.
 */
public record ConflictNotice(ChangeEvent event, TableId table, String rowKey, Situation situation, String rule,
                             Resolution resolution, TargetRow target, Set<String> sourceChanged, Set<String> targetChanged,
                             long detectedMs) {

    /** One line for the log. */
    public String describe() {
        return "Conflict in " + table + " row " + rowKey + " (" + situation.label() + ", record "
                + event.record().originalTopic() + "-" + event.record().originalKafkaPartition() + "@"
                + event.record().originalKafkaOffset() + ", version " + event.version() + "): rule " + rule + " -> "
                + resolution.outcome().label() + ": " + resolution.reason();
    }
}
