package io.ctsync.source.capture;

import static io.ctsync.source.capture.CaptureHarness.keyOf;
import static io.ctsync.source.capture.CaptureHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.signal.SignalDispatcher;
import io.ctsync.source.signal.SignalMessage;
import io.ctsync.source.signal.SignalParser;
import io.ctsync.source.tracking.TableId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * One task holding tables of two databases reads the signal topic once for both: a signal naming
 * {@code <database>.<schema>.<table>} re-snapshots that database's table only, {@code <schema>.<table>} the table in
 * both; a name of no table of any captured database is one WARN line of the reporting task, none of the others; and a
 * table whose offset shows a later signal position skips the older signals the shared reading brings it.
 */
class SignalsOfSeveralDatabasesTest {

    private static final TableId ITEMS = new TableId("dbo", "items");

    private final CaptureHarness east = harness();
    private final CaptureHarness west = harness();
    /** Every table the connector captures: hr's belongs to another task. */
    private final Map<String, List<TableId>> catalog = Map.of(east.model.name(), List.of(ITEMS),
            west.model.name(), List.of(ITEMS), "hr", List.of(new TableId("dbo", "people")));
    private long position;

    private static CaptureHarness harness() {
        CaptureHarness h = new CaptureHarness("items");
        Items.create(h.model, "items", false);
        Items.insertRange(h.model, "items", 1, 2);
        h.start().drain();
        return h;
    }

    private SignalDispatcher dispatcher(Map<String, List<TableId>> reportingCatalog) {
        return new SignalDispatcher(List.of(new SignalDispatcher.HeldDatabase(east.model.name(), east.engine.signals()),
                new SignalDispatcher.HeldDatabase(west.model.name(), west.engine.signals())), new SignalParser("erp"),
                reportingCatalog, 0);
    }

    private SignalMessage snapshotSignal(String collection) {
        return new SignalMessage(position++, "erp", "{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\""
                + collection + "\"],\"type\":\"incremental\"}}");
    }

    private static List<String> rows(List<SourceRecord> records) {
        return records.stream().filter(r -> "r".equals(op(r))).map(r -> keyOf(r) + ":r").toList();
    }

    @Test
    void aSignalNamingADatabasesTableReSnapshotsThatDatabaseOnlyAndWarnsNowhere() {
        east.engine.signals().follow(Map.of(), 0);
        west.engine.signals().follow(Map.of(), 0);
        try (WarnLines warnings = new WarnLines(SignalDispatcher.class)) {
            dispatcher(catalog).dispatch(List.of(snapshotSignal(west.model.name() + ".dbo.items"),
                    snapshotSignal("hr.dbo.people")));

            assertThat(rows(east.drain())).as("east is not named").isEmpty();
            assertThat(rows(west.drain())).containsExactly("1:r", "2:r");
            assertThat(warnings.lines()).as("hr's table is another task's, west's this one's").isEmpty();

            dispatcher(catalog).dispatch(List.of(snapshotSignal("DBO.ITEMS")));
            assertThat(rows(east.drain())).as("schema.table names the table in every database").hasSize(2);
            assertThat(rows(west.drain())).hasSize(2);
        }
    }

    @Test
    void aNameOfNoCapturedTableIsOneWarnOfTheReportingTaskAndNoneOfTheOthers() {
        east.engine.signals().follow(Map.of(), 0);
        west.engine.signals().follow(Map.of(), 0);
        SignalMessage unknown = snapshotSignal("nosuch.dbo.items");
        SignalMessage malformed = new SignalMessage(position++, "erp", "not json");
        try (WarnLines warnings = new WarnLines(SignalDispatcher.class)) {
            dispatcher(null).dispatch(List.of(unknown, malformed));
            assertThat(warnings.lines()).as("a task that does not report").isEmpty();

            dispatcher(catalog).dispatch(List.of(unknown, malformed));
            assertThat(warnings.lines()).as("one line per problem for both databases the task holds").satisfiesExactly(
                    line -> assertThat(line).contains("'nosuch.dbo.items' matches none of the 3 captured tables")
                            .contains("hr.dbo.people").contains(east.model.name() + ".dbo.items"),
                    line -> assertThat(line).startsWith("Signal at position 1 ").contains("not a JSON object"));
        }
        assertThat(rows(east.drain())).isEmpty();
        assertThat(rows(west.drain())).isEmpty();
    }

    @Test
    void theSharedReadingStartsAtTheLowestPositionAndATableSkipsSignalsItsOffsetShowsItConsidered() {
        east.engine.signals().follow(Map.of(ITEMS, 5L), 9);
        west.engine.signals().follow(Map.of(ITEMS, 2L), 9);
        assertThat(west.engine.signals().applyFrom()).isEqualTo(2);
        position = 2;

        dispatcher(catalog).dispatch(List.of(snapshotSignal("dbo.items")));

        assertThat(rows(east.drain())).as("east's offset shows it considered positions before 5").isEmpty();
        assertThat(rows(west.drain())).containsExactly("1:r", "2:r");

        position = 6;
        dispatcher(catalog).dispatch(List.of(snapshotSignal("dbo.items")));
        assertThat(rows(east.drain())).as("a signal after east's position applies to it").hasSize(2);
    }
}
