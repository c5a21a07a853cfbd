package io.ctsync.sink.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * What happens to records that cannot be applied: the dead-letter budget (next to Connect's own {@code errors.*}
 * options, which choose the tolerance and the topic) and the foreign-key handling (parking children that arrive
 * before their parents, deferred constraints).
 */
public final class FailureOptions {

    public static final String DEAD_LETTER_GROUP = "Dead letters";
    public static final String FOREIGN_KEY_GROUP = "Foreign keys";

    /** Connect's own options, read (not defined) by the sink. */
    public static final String ERRORS_TOLERANCE = "errors.tolerance";
    public static final String DLQ_TOPIC = "errors.deadletterqueue.topic.name";

    public static final String MAX_DEAD_LETTERS = "errors.max.dead.letters";
    private static final String MAX_DEAD_LETTERS_DOC = "With errors.tolerance=all: how many records the task may send to "
            + "the dead-letter topic (errors.deadletterqueue.topic.name) before it fails instead, naming the count. -1: no "
            + "limit. The batch that would go over is rolled back, so fixing the cause and restarting resumes there.";

    public static final String FK_RETRY_MAX_MS = "fk.retry.max.ms";
    private static final String FK_RETRY_MAX_MS_DOC = "How long a record refused for a foreign key (a child before its "
            + "parent, a parent before its children's deletes) is kept parked and retried in later batches, in "
            + "milliseconds, before it is dead-lettered (or fails the task with errors.tolerance=none). Within a batch it "
            + "is always retried once after the rest. A later event of its row that writes the whole row (an upsert "
            + "or a delete; later by version where events carry one) supersedes it: it is tried at once and the parked "
            + "record dropped; refused for a foreign key too, it is parked in its place, keeping the time the row was "
            + "first parked. "
            + "Parked records live in fk.parked.table, in the batch's "
            + "transaction, so a restart loses none. 0: no parking across batches.";
    public static final long FK_RETRY_MAX_MS_DEFAULT = 5 * 60_000L;

    public static final String FK_DEFER = "fk.defer";
    private static final String FK_DEFER_DOC = "Defer foreign key checks to the commit of each batch, so a child and its "
            + "parent in one batch apply in any order without a retry pass. PostgreSQL: constraints declared DEFERRABLE "
            + "(SET CONSTRAINTS ALL DEFERRED); SQLite: PRAGMA defer_foreign_keys. MariaDB/MySQL and SQL Server cannot defer "
            + "foreign keys and refuse the option.";

    public static final String PARKED_TABLE = "fk.parked.table";
    private static final String PARKED_TABLE_DOC = "The table in the target database holding records parked for a "
            + "missing parent row (created when missing). schema.table or table.";
    public static final String PARKED_TABLE_DEFAULT = "ctsync_sink_parked";

    private FailureOptions() {
    }

    static void addTo(ConfigDef def) {
        def.define(MAX_DEAD_LETTERS, Type.LONG, -1L, Range.atLeast(-1L), Importance.MEDIUM, MAX_DEAD_LETTERS_DOC,
                DEAD_LETTER_GROUP, 1, Width.SHORT, "Dead-letter budget");
        int order = 0;
        def.define(FK_RETRY_MAX_MS, Type.LONG, FK_RETRY_MAX_MS_DEFAULT, Range.atLeast(0L), Importance.MEDIUM,
                        FK_RETRY_MAX_MS_DOC, FOREIGN_KEY_GROUP, ++order, Width.SHORT, "Foreign key retry (ms)")
                .define(FK_DEFER, Type.BOOLEAN, false, Importance.LOW, FK_DEFER_DOC, FOREIGN_KEY_GROUP, ++order, Width.SHORT,
                        "Defer foreign keys")
                .define(PARKED_TABLE, Type.STRING, PARKED_TABLE_DEFAULT, SinkConnectorConfig.identifier(), Importance.LOW,
                        PARKED_TABLE_DOC, FOREIGN_KEY_GROUP, ++order, Width.MEDIUM, "Parked records table");
    }

    /** The parsed options. {@code tolerant}: Connect's errors.tolerance=all. */
    public record Settings(boolean tolerant, boolean deadLetterTopic, long maxDeadLetters, long fkRetryMaxMs, boolean fkDefer,
                           String parkedTable) {

        static Settings of(AbstractConfig config) {
            Object tolerance = config.originals().get(ERRORS_TOLERANCE);
            Object topic = config.originals().get(DLQ_TOPIC);
            return new Settings(tolerance != null && "all".equalsIgnoreCase(tolerance.toString().trim()),
                    topic != null && !topic.toString().isBlank(), config.getLong(MAX_DEAD_LETTERS),
                    config.getLong(FK_RETRY_MAX_MS), config.getBoolean(FK_DEFER), config.getString(PARKED_TABLE).trim());
        }
    }
}
