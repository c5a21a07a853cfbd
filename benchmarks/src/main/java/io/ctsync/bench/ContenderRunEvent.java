package io.ctsync.bench;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * Marks one contender's run in a JFR recording of the benchmark, so a profile can be split by contender (the worker's
 * task threads are pooled and keep their names across runs). Costs nothing when no recording is active.
 */
@Name(ContenderRunEvent.NAME)
@Label("Sink benchmark contender run")
@Category("ctsync benchmark")
public final class ContenderRunEvent extends Event {

    public static final String NAME = "io.ctsync.bench.ContenderRun";

    @Label("Contender")
    String contender;

    @Label("Target")
    String target;

    @Label("Format")
    String format;

    ContenderRunEvent(String contender, String target, String format) {
        this.contender = contender;
        this.target = target;
        this.format = format;
    }
}
