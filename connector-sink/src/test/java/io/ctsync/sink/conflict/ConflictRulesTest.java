package io.ctsync.sink.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.state.AppliedState;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The rules as pure logic: which situation an event meets (from whether the target row exists, what the sink
 * remembers of it and which columns changed), and each rule's verdict in each situation.
 */
class ConflictRulesTest {

    private static final List<String> COLUMNS = List.of("name", "qty", "modified_at");
    private static final AppliedState KNOWN = new AppliedState(1L, false, "hashes");
    private static final AppliedState DELETED = new AppliedState(1L, true, null);
    private static final AppliedState UNHASHED = new AppliedState(1L, false, null);

    @Test
    void situationsFollowFromTheTargetAndWhatTheSinkRemembers() {
        Set<String> changed = Set.of("qty");
        Set<String> unchanged = Set.of();
        // insert when the row exists
        assertThat(ConflictDetector.situation(event("c"), true, null, null)).isEqualTo(Situation.INSERT_EXISTS);
        assertThat(ConflictDetector.situation(event("r"), true, DELETED, null)).isEqualTo(Situation.INSERT_EXISTS);
        assertThat(ConflictDetector.situation(event("c"), true, KNOWN, unchanged)).as("the sink's own row").isNull();
        // update when modified by someone else
        assertThat(ConflictDetector.situation(event("u"), true, KNOWN, changed)).isEqualTo(Situation.UPDATE_MODIFIED);
        assertThat(ConflictDetector.situation(event("u"), true, KNOWN, unchanged)).isNull();
        assertThat(ConflictDetector.situation(event("u"), true, DELETED, null)).as("re-inserted after the sink's delete")
                .isEqualTo(Situation.UPDATE_MODIFIED);
        assertThat(ConflictDetector.situation(event("u"), true, null, null)).as("no record of the row: cannot tell").isNull();
        assertThat(ConflictDetector.situation(event("u"), true, UNHASHED, null)).isNull();
        // update when missing
        assertThat(ConflictDetector.situation(event("u"), false, KNOWN, null)).isEqualTo(Situation.UPDATE_MISSING);
        assertThat(ConflictDetector.situation(event("u"), false, null, null)).isEqualTo(Situation.UPDATE_MISSING);
        assertThat(ConflictDetector.situation(event("u"), false, DELETED, null)).as("the sink deleted it itself").isNull();
        assertThat(ConflictDetector.situation(event(null), false, KNOWN, null)).as("a flat row the sink wrote is gone")
                .isEqualTo(Situation.UPDATE_MISSING);
        assertThat(ConflictDetector.situation(event(null), false, null, null)).as("a flat row never seen: an insert").isNull();
        assertThat(ConflictDetector.situation(event("c"), false, KNOWN, null)).isNull();
        // delete when missing
        assertThat(ConflictDetector.situation(event("d"), false, KNOWN, null)).isEqualTo(Situation.DELETE_MISSING);
        assertThat(ConflictDetector.situation(event("d"), false, null, null)).isEqualTo(Situation.DELETE_MISSING);
        assertThat(ConflictDetector.situation(event("d"), false, DELETED, null)).isNull();
        // delete when modified
        assertThat(ConflictDetector.situation(event("d"), true, KNOWN, changed)).isEqualTo(Situation.DELETE_MODIFIED);
        assertThat(ConflictDetector.situation(event("d"), true, KNOWN, unchanged)).isNull();
        assertThat(ConflictDetector.situation(event("d"), true, DELETED, null)).isEqualTo(Situation.DELETE_MODIFIED);
        assertThat(ConflictDetector.situation(event("d"), true, null, null)).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = Situation.class, names = {"INSERT_EXISTS", "UPDATE_MODIFIED", "DELETE_MODIFIED"})
    void sourceWinsAppliesTargetWinsSkipsManualLeavesItToAPerson(Situation situation) {
        Conflict conflict = conflict(situation, situation == Situation.DELETE_MODIFIED ? "d" : "u", null, Set.of("qty"), null, null);
        assertThat(new SourceWins().resolve(conflict).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(new TargetWins().resolve(conflict).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(new Manual().resolve(conflict).outcome()).isEqualTo(Outcome.MANUAL);
        assertThat(new Manual().resolve(conflict).reason()).contains(situation.description());
    }

    @ParameterizedTest
    @CsvSource({
        "2030-01-02T00:00, 2030-01-01T00:00, APPLIED",
        "2030-01-01T00:00, 2030-01-02T00:00, SKIPPED",
        "2030-01-01T00:00, 2030-01-01T00:00, SKIPPED",
        "2030-01-01T00:00, '2030-01-01 00:00:00', SKIPPED",
        "2030-01-01T00:00:01, '2030-01-01 00:00:00', APPLIED"})
    void newerWinsComparesTheNewerColumnAndTiesGoToTheTarget(String source, String target, Outcome expected) {
        Object sourceValue = LocalDateTime.parse(source);
        for (Situation situation : List.of(Situation.INSERT_EXISTS, Situation.UPDATE_MODIFIED)) {
            assertThat(new NewerWins().resolve(conflict(situation, "u", null, Set.of("qty"), sourceValue, target)).outcome())
                    .isEqualTo(expected);
        }
    }

    @Test
    void newerWinsComparesNumbersAsNumbersAndKeepsTheTargetAgainstADelete() {
        assertThat(NewerValues.compare(10L, new java.math.BigDecimal("9.5"))).isPositive();
        assertThat(NewerValues.compare(9, 10L)).isNegative();
        assertThat(NewerValues.compare(null, 1)).as("missing is oldest").isNegative();
        assertThat(NewerValues.compare(1, null)).isPositive();
        assertThat(new NewerWins().resolve(conflict(Situation.DELETE_MODIFIED, "d", null, Set.of("qty"), null, 5)).outcome())
                .isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void mergeWritesOnlyTheSourcesColumnsAndFallsBackOnAClash() {
        MergeChangedColumns targetFallback = new MergeChangedColumns(new TargetWins());
        Resolution disjoint = targetFallback.resolve(conflict(Situation.UPDATE_MODIFIED, "u", Set.of("name"), Set.of("qty"), null, null));
        assertThat(disjoint.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(disjoint.columns()).containsExactly("name");

        Set<String> source = Set.of("name", "modified_at");
        Set<String> target = Set.of("qty", "modified_at");
        Resolution keepTarget = targetFallback.resolve(conflict(Situation.UPDATE_MODIFIED, "u", source, target, null, null));
        assertThat(keepTarget.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(keepTarget.columns()).containsExactly("name");
        assertThat(keepTarget.reason()).contains("[modified_at] changed on both sides", "target-wins");

        Resolution takeSource = new MergeChangedColumns(new SourceWins())
                .resolve(conflict(Situation.UPDATE_MODIFIED, "u", source, target, null, null));
        assertThat(takeSource.columns()).containsExactly("name", "modified_at");
        assertThat(new MergeChangedColumns(new Manual()).resolve(conflict(Situation.UPDATE_MODIFIED, "u", source, target,
                null, null)).outcome()).isEqualTo(Outcome.MANUAL);

        Resolution allClash = targetFallback.resolve(conflict(Situation.UPDATE_MODIFIED, "u", Set.of("qty"), Set.of("qty"), null, null));
        assertThat(allClash.outcome()).as("nothing left to write").isEqualTo(Outcome.SKIPPED);
        assertThat(targetFallback.resolve(conflict(Situation.UPDATE_MODIFIED, "u", null, Set.of("qty"), null, null)).columns())
                .as("changed columns unknown: all clash with the target's qty").containsExactly("name", "modified_at");
    }

    @ParameterizedTest
    @EnumSource(value = Situation.class, names = {"INSERT_EXISTS", "DELETE_MODIFIED"})
    void mergeLeavesInsertsAndDeletesToTheFallback(Situation situation) {
        Conflict conflict = conflict(situation, situation == Situation.DELETE_MODIFIED ? "d" : "c", null, Set.of("qty"), null, null);
        assertThat(new MergeChangedColumns(new SourceWins()).resolve(conflict).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(new MergeChangedColumns(new TargetWins()).resolve(conflict).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(new MergeChangedColumns(new TargetWins()).resolve(conflict).reason()).contains("nothing to merge");
    }

    @Test
    void missingRowChoicesHaveOneOutcomeEach() {
        Conflict update = conflict(Situation.UPDATE_MISSING, "u", null, null, null, null);
        assertThat(new MissingRowRule("conflict.update.missing", "insert", Outcome.APPLIED).resolve(update).outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(new MissingRowRule("conflict.update.missing", "skip", Outcome.SKIPPED).resolve(update).reason())
                .contains("left it missing");
        Conflict delete = conflict(Situation.DELETE_MISSING, "d", null, null, null, null);
        MissingRowRule manual = new MissingRowRule("conflict.delete.missing", "manual", Outcome.MANUAL);
        assertThat(manual.resolve(delete).outcome()).isEqualTo(Outcome.MANUAL);
        assertThat(manual.name()).isEqualTo("conflict.delete.missing=manual");
    }

    private static Conflict conflict(Situation situation, String op, Set<String> sourceChanged, Set<String> targetChanged,
                                     Object sourceNewer, Object targetNewer) {
        return new Conflict(situation, event(op), COLUMNS, sourceChanged, targetChanged, "modified_at", sourceNewer, targetNewer);
    }

    private static ChangeEvent event(String op) {
        SinkRecord record = new SinkRecord("t", 0, null, null, null, null, 0);
        return new ChangeEvent(record, "d".equals(op) ? ChangeEvent.Op.DELETE : ChangeEvent.Op.UPSERT, null, null, 2L, op, null);
    }
}
