package io.ctsync.launcher;

import java.util.HashMap;
import java.util.Map;

/** One line per table: snapshot progress or anchor, events and events/s, lag in versions, target rows. */
final class Progress {

    private final LocalPipeline pipeline;
    private final PipelineView view;
    private final SimulatedSource source;
    private final SqliteTarget target;
    private final Map<String, Long> lastEvents = new HashMap<>();
    private double lastSeconds = -1;

    Progress(LocalPipeline pipeline, PipelineView view, SimulatedSource source, SqliteTarget target) {
        this.pipeline = pipeline;
        this.view = view;
        this.source = source;
        this.target = target;
    }

    /** Prints the tables' lines; returns the anchors it saw. */
    Map<String, PipelineView.Anchor> print() {
        long current = source.currentVersion();
        Map<String, PipelineView.Anchor> anchors = view.anchors(DemoCommand.SOURCE);
        Map<String, Long> events = view.events(SimulatedSource.TABLES.stream().map(DemoCommand::topic).toList());
        double now = pipeline.seconds();
        pipeline.say("source version " + current + ", " + source.transactions() + " workload transactions");
        for (String table : SimulatedSource.TABLES) {
            PipelineView.Anchor anchor = anchors.getOrDefault(table, PipelineView.Anchor.NONE);
            long count = events.getOrDefault(DemoCommand.topic(table), 0L);
            double rate = lastSeconds < 0 ? 0 : (count - lastEvents.getOrDefault(table, 0L)) / Math.max(0.001, now - lastSeconds);
            lastEvents.put(table, count);
            String state = switch (anchor.phase()) {
                case "incremental" -> String.format("incremental   lag %4d versions", Math.max(0, current - anchor.version()));
                case "snapshot" -> String.format("snapshot %3d%% (%d of %d rows)", Math.min(100, 100 * count / Math.max(1, source.rowCount(table))),
                        count, source.rowCount(table));
                default -> "waiting for its first anchor";
            };
            pipeline.say(String.format("  %-12s %-34s events %6d (%5.0f/s)  target rows %5d of %5d", table, state, count,
                    rate, target.count(table), source.rowCount(table)));
        }
        lastSeconds = now;
        return anchors;
    }
}
