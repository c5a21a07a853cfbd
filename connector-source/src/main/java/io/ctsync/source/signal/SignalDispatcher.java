package io.ctsync.source.signal;

import io.ctsync.source.capture.CaptureEngine;
import io.ctsync.source.capture.SignalPositions;
import io.ctsync.source.tracking.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the signals a task read to its capture. Every task reads every signal and acts on the tables it owns; a table
 * skips a signal its offset shows it considered already. Problems with a signal itself (malformed, unsupported, naming
 * no captured table) concern the whole connector, so one task, the reporter, logs them as a WARN line each; the
 * others log them at DEBUG. Signals below the highest position the task's tables had committed when it started were
 * reported before its restart and are not reported again.
 */
public final class SignalDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(SignalDispatcher.class);

    private final SignalPositions positions;
    private final SignalParser parser;
    private final String database;
    private final List<TableId> captured;
    private final boolean reporter;
    private final long reportFrom;

    /**
     * @param captured every table the connector captures (not only this task's), to tell an unknown name from a table
     *                 of another task
     * @param reporter whether this task reports problems of signals
     * @param reportFrom signals before this position were reported before
     */
    public SignalDispatcher(SignalPositions positions, SignalParser parser, String database, List<TableId> captured,
                            boolean reporter, long reportFrom) {
        this.positions = positions;
        this.parser = parser;
        this.database = database;
        this.captured = List.copyOf(captured);
        this.reporter = reporter;
        this.reportFrom = reportFrom;
    }

    /** Whether this task reports signal problems: the one that owns the first of the connector's tables by name. */
    public static boolean reports(List<TableId> ownTables, List<TableId> captured) {
        return captured.stream().sorted().findFirst().map(ownTables::contains).orElse(false);
    }

    /** Acts on {@code messages} (in topic order); afterwards every table has considered them. */
    public void dispatch(List<SignalMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        for (SignalMessage message : messages) {
            ParsedSignal signal = parser.parse(message);
            if (signal instanceof ParsedSignal.ExecuteSnapshot snapshot) {
                execute(snapshot);
            } else if (signal instanceof ParsedSignal.Rejected rejected) {
                report(rejected.position(), "Signal at position " + rejected.position() + " of the signal topic "
                        + rejected.problem() + "; it is ignored");
            } else if (signal instanceof ParsedSignal.ForAnotherConnector other) {
                LOG.debug("Signal at position {} is keyed '{}', not this connector's topic.prefix: ignored (it is for "
                        + "another connector)", other.position(), other.key());
            }
        }
        positions.consideredUpTo(messages.get(messages.size() - 1).position() + 1);
    }

    private void execute(ParsedSignal.ExecuteSnapshot signal) {
        String what = "Signal execute-snapshot at position " + signal.position()
                + (signal.id() == null ? "" : " (id " + signal.id() + ")");
        List<TableId> named = new ArrayList<>();
        for (Pattern collection : signal.collections()) {
            List<TableId> matches = captured.stream().filter(t -> matches(collection, t)).toList();
            if (matches.isEmpty()) {
                report(signal.position(), what + ": '" + collection.pattern() + "' matches none of the captured tables "
                        + captured.stream().map(t -> database + "." + t.qualified()).toList() + "; name a table as "
                        + "<database>.<schema>.<table>, e.g. " + database + ".dbo.orders; this name is ignored");
            }
            matches.stream().filter(t -> !named.contains(t)).forEach(named::add);
        }
        for (TableId table : named) {
            CaptureEngine.Resnapshot outcome = positions.resnapshot(table, signal.position());
            switch (outcome) {
                case STARTS -> LOG.info("{}: re-snapshot of {} starts in the next poll cycle; the task's other tables "
                        + "keep streaming", what, table);
                case ALREADY_SNAPSHOTTING -> LOG.info("{}: {} is being snapshotted already; that snapshot serves the "
                        + "signal", what, table);
                case CAPTURE_ENDED -> LOG.warn("{}: capture of {} has ended (it is no longer tracked or no longer "
                        + "exists), so it cannot be re-snapshotted; the connector re-plans its tables", what, table);
                case SIGNAL_ALREADY_CONSIDERED -> LOG.debug("{}: {} executed it before (its offset shows it)", what,
                        table);
                case NOT_OWNED -> LOG.debug("{}: {} belongs to another task", what, table);
                default -> throw new IllegalStateException(outcome.name());
            }
        }
    }

    /** Debezium names SQL Server tables {@code <database>.<schema>.<table>}; {@code <schema>.<table>} is accepted too. */
    private boolean matches(Pattern collection, TableId table) {
        return collection.matcher(database + "." + table.qualified()).matches()
                || collection.matcher(table.qualified()).matches();
    }

    private void report(long position, String line) {
        if (reporter && position >= reportFrom) {
            LOG.warn(line);
        } else {
            LOG.debug(line);
        }
    }
}
