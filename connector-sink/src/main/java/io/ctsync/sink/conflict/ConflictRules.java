package io.ctsync.sink.conflict;

import io.ctsync.sink.config.ConflictOptions;
import io.ctsync.sink.config.ConflictPolicy;
import io.ctsync.sink.config.DeleteMissing;
import io.ctsync.sink.config.UpdateMissing;
import io.ctsync.sink.schema.TableId;
import java.util.EnumMap;
import java.util.Map;

/** Which rule decides which situation in which table, from the connector's conflict options. */
public final class ConflictRules {

    private final ConflictOptions.Settings settings;
    private final Map<ConflictPolicy, ConflictRule> rules = new EnumMap<>(ConflictPolicy.class);
    private final ConflictRule updateMissing;
    private final ConflictRule deleteMissing;

    public ConflictRules(ConflictOptions.Settings settings) {
        this.settings = settings;
        for (ConflictPolicy policy : ConflictPolicy.values()) {
            if (policy != ConflictPolicy.MERGE_CHANGED_COLUMNS) {
                rules.put(policy, create(policy));
            }
        }
        rules.put(ConflictPolicy.MERGE_CHANGED_COLUMNS, new MergeChangedColumns(rules.get(settings.mergeFallback())));
        this.updateMissing = new MissingRowRule(ConflictOptions.UPDATE_MISSING, settings.updateMissing().optionValue(),
                switch (settings.updateMissing()) {
                    case INSERT -> Outcome.APPLIED;
                    case SKIP -> Outcome.SKIPPED;
                    case MANUAL -> Outcome.MANUAL;
                });
        this.deleteMissing = new MissingRowRule(ConflictOptions.DELETE_MISSING, settings.deleteMissing().optionValue(),
                settings.deleteMissing() == DeleteMissing.MANUAL ? Outcome.MANUAL : Outcome.SKIPPED);
    }

    /** The rule for a situation in a table. */
    public ConflictRule ruleFor(TableId table, Situation situation) {
        return switch (situation) {
            case UPDATE_MISSING -> updateMissing;
            case DELETE_MISSING -> deleteMissing;
            default -> rules.get(settings.policyOf(table));
        };
    }

    /**
     * True when the table's conflicts are looked for: some rule could change the outcome, or every conflict goes to the
     * conflict topic. Otherwise (source-wins, insert, ignore, no topic) nothing is read: the write path is untouched.
     */
    public boolean detects(TableId table) {
        return settings.topic() != null || settings.policyOf(table) != ConflictPolicy.SOURCE_WINS
                || settings.updateMissing() != UpdateMissing.INSERT || settings.deleteMissing() != DeleteMissing.IGNORE;
    }

    /** True when the table's rule merges changed columns: its updates write only the columns the source changed. */
    public boolean merges(TableId table) {
        return settings.policyOf(table) == ConflictPolicy.MERGE_CHANGED_COLUMNS;
    }

    /** The newer-wins column as configured, or null. */
    public String newerColumn() {
        return settings.newerColumn().isEmpty() ? null : settings.newerColumn();
    }

    private static ConflictRule create(ConflictPolicy policy) {
        return switch (policy) {
            case SOURCE_WINS -> new SourceWins();
            case TARGET_WINS -> new TargetWins();
            case NEWER_WINS -> new NewerWins();
            case MANUAL -> new Manual();
            case MERGE_CHANGED_COLUMNS -> throw new IllegalArgumentException("merge needs a fallback");
        };
    }
}
