package io.ctsync.source.signal;

import io.ctsync.source.capture.CaptureEngine;
import io.ctsync.source.capture.SignalPositions;
import io.ctsync.source.tracking.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the signals a task read to the captures of the databases it holds. Every task reads every signal and acts on
 * the tables it owns; a table skips a signal its offset shows it considered already, so one reading shared by the
 * task's databases may start below some table's position. Problems with a signal itself (malformed, unsupported, naming
 * no table of any captured database) concern the whole connector, so one task, the reporter, which knows every table the
 * connector captures, logs them as one WARN line each; the others log them at DEBUG. Signals below the highest position
 * the task's tables had committed when it started were reported before its restart and are not reported again.
 */
public final class SignalDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(SignalDispatcher.class);
    /** Names a "matches none" line lists at most; the rest are counted. */
    private static final int LISTED_TABLES = 10;

    /**
     * A database the task holds tables of.
     *
     * @param database  its name as its connection spells it ({@code DB_NAME()}), the one a signal names
     * @param positions where its tables are in the signal topic
     */
    public record HeldDatabase(String database, SignalPositions positions) {
    }

    private final List<HeldDatabase> databases;
    private final SignalParser parser;
    private final Map<String, List<TableId>> catalog;
    private final long reportFrom;

    /**
     * @param catalog    every table the connector captures, by database, when this task reports problems of signals
     *                   (to tell a name of no table from a table of another task or database); null otherwise
     * @param reportFrom signals before this position were reported before
     */
    public SignalDispatcher(List<HeldDatabase> databases, SignalParser parser, Map<String, List<TableId>> catalog,
                            long reportFrom) {
        this.databases = List.copyOf(databases);
        this.parser = parser;
        this.catalog = catalog == null ? null : Map.copyOf(catalog);
        this.reportFrom = reportFrom;
    }

    /** Acts on {@code messages} (in topic order); afterwards every table of every held database has considered them. */
    public void dispatch(List<SignalMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        for (SignalMessage message : messages) {
            ParsedSignal signal = parser.parse(message);
            if (signal instanceof ParsedSignal.ExecuteSnapshot snapshot) {
                reportUnmatched(snapshot);
                databases.forEach(database -> execute(snapshot, database));
            } else if (signal instanceof ParsedSignal.Rejected rejected) {
                report(rejected.position(), "Signal at position " + rejected.position() + " of the signal topic "
                        + rejected.problem() + "; it is ignored");
            } else if (signal instanceof ParsedSignal.ForAnotherConnector other) {
                LOG.debug("Signal at position {} is keyed '{}', not this connector's topic.prefix: ignored (it is for "
                        + "another connector)", other.position(), other.key());
            }
        }
        long next = messages.get(messages.size() - 1).position() + 1;
        databases.forEach(database -> database.positions().consideredUpTo(next));
    }

    /** A data collection that names no table of any captured database: once per connector, by the reporter. */
    private void reportUnmatched(ParsedSignal.ExecuteSnapshot signal) {
        if (catalog == null || signal.position() < reportFrom) {
            return;
        }
        List<String> names = new ArrayList<>();
        catalog.forEach((database, tables) -> tables.forEach(t -> names.add(database + "." + t.qualified())));
        names.sort(null);
        for (Pattern collection : signal.collections()) {
            boolean matched = catalog.entrySet().stream()
                    .anyMatch(e -> e.getValue().stream().anyMatch(t -> matches(collection, e.getKey(), t)));
            if (!matched) {
                LOG.warn("{}: '{}' matches none of the {} captured tables {}{}; name a table as "
                        + "<database>.<schema>.<table>, e.g. {}; this name is ignored", what(signal), collection.pattern(),
                        names.size(), names.subList(0, Math.min(LISTED_TABLES, names.size())),
                        names.size() > LISTED_TABLES ? " and " + (names.size() - LISTED_TABLES) + " more" : "",
                        names.isEmpty() ? "<database>.dbo.orders" : names.get(0));
            }
        }
    }

    private static String what(ParsedSignal.ExecuteSnapshot signal) {
        return "Signal execute-snapshot at position " + signal.position()
                + (signal.id() == null ? "" : " (id " + signal.id() + ")");
    }

    /** Re-snapshots the tables of {@code held} the signal names. */
    private void execute(ParsedSignal.ExecuteSnapshot signal, HeldDatabase held) {
        String what = what(signal);
        List<TableId> named = held.positions().tables().stream()
                .filter(t -> signal.collections().stream().anyMatch(c -> matches(c, held.database(), t))).toList();
        for (TableId table : named) {
            CaptureEngine.Resnapshot outcome = held.positions().resnapshot(table, signal.position());
            switch (outcome) {
                case STARTS -> LOG.info("{}: re-snapshot of {} of database {} starts in the next poll cycle; the task's "
                        + "other tables keep streaming", what, table, held.database());
                case ALREADY_SNAPSHOTTING -> LOG.info("{}: {} of database {} is being snapshotted already; that snapshot "
                        + "serves the signal", what, table, held.database());
                case CAPTURE_ENDED -> LOG.warn("{}: capture of {} of database {} has ended (it is no longer tracked or no "
                        + "longer exists), so it cannot be re-snapshotted; the connector re-plans its tables", what, table,
                        held.database());
                case SIGNAL_ALREADY_CONSIDERED -> LOG.debug("{}: {} of database {} executed it before (its offset shows "
                        + "it)", what, table, held.database());
                case NOT_OWNED -> LOG.debug("{}: {} belongs to another task", what, table);
                default -> throw new IllegalStateException(outcome.name());
            }
        }
    }

    /**
     * Debezium names SQL Server tables {@code <database>.<schema>.<table>}, which names that database's table only;
     * {@code <schema>.<table>} is accepted too, and names the table in every captured database.
     */
    private static boolean matches(Pattern collection, String database, TableId table) {
        return collection.matcher(database + "." + table.qualified()).matches()
                || collection.matcher(table.qualified()).matches();
    }

    private void report(long position, String line) {
        if (catalog != null && position >= reportFrom) {
            LOG.warn(line);
        } else {
            LOG.debug(line);
        }
    }
}
