package io.ctsync.sink.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.contract.sink.DeadLetterHeaders;
import io.ctsync.sink.it.SinkIT;
import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.PluginMetricValues;
import io.ctsync.sink.testing.SourceTable;
import io.ctsync.testkit.db.PostgresDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL's staged upserts (COPY into a temporary table, then one gated INSERT … SELECT): a table written through
 * them holds exactly what the statement path writes, value for value, older versions held back and counted; a record
 * the target refuses inside a COPY batch is isolated and dead-lettered while the rest of the batch applies.
 */
class PostgresStagedUpsertIT extends SinkIT {

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    private static final Schema ROW = SchemaBuilder.struct().name("staged.Value").optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("amount", Decimal.builder(2).optional().build())
            .field("born", org.apache.kafka.connect.data.Date.builder().optional().build())
            .field("seen", Timestamp.builder().optional().build())
            .field("data", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("ratio", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("small", Schema.OPTIONAL_INT16_SCHEMA)
            .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .build();
    /** Every column, bytes as hex text (arrays compare by identity). */
    private static final String COLUMNS = "SELECT id, name, amount, born, seen, encode(data, 'hex') AS data, ratio, small, "
            + "flag, __ctsync_version FROM %s ORDER BY id";
    private static final SourceTable TABLE = new SourceTable("staged", ROW);
    /** Text COPY's own syntax (separators, escapes, its null marker) must arrive as plain characters. */
    private static final List<String> AWKWARD = List.of("tab\there", "new\nline", "back\\slash", "\\N", "", "cr\rlf",
            "ünïcødé ✓", "quote ' and \"", "\\.", "end\\");

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Test
    void copiedUpsertsWriteExactlyWhatStatementsWriteAndHoldBackOlderVersions() throws Exception {
        String topic = "staged.same";
        int records = 0;
        for (int id = 1; id <= 300; id++) {
            TABLE.send(producer, topic, TABLE.create(row(id, "v1"), id));
            records++;
        }
        for (int id = 1; id <= 300; id += 2) {
            TABLE.send(producer, topic, TABLE.update(row(id, "v2"), 1000 + id));
            records++;
        }
        producer.flush();
        Map<String, String> copied = config(topic, "staged_copy");
        // The older versions come as one batch of their own, so COPY's gated INSERT ... SELECT (not the gate's in-batch
        // check) holds them back, however Connect's consumer cuts its deliveries.
        copied.put("batch.size", "100");
        copied.put("batch.linger.ms", "20000");
        start("staged-copy", copied);
        Map<String, String> statements = config(topic, "staged_statements");
        statements.put("dialect.postgresql.copy.upserts", "false");
        start("staged-statements", statements);
        awaitOffset("staged-copy", topic, records);
        for (int id = 1; id <= 300; id += 3) {
            // Older than what the row has for odd ids (held back), newer for the others.
            TABLE.send(producer, topic, TABLE.update(row(id, "v3"), 500 + id));
            records++;
        }
        producer.flush();
        awaitOffset("staged-copy", topic, records);
        awaitOffset("staged-statements", topic, records);

        List<Map<String, Object>> viaCopy = database().rows(String.format(COLUMNS, "staged_copy"));
        assertThat(viaCopy).hasSize(300);
        assertThat(viaCopy).isEqualTo(database().rows(String.format(COLUMNS, "staged_statements")));
        assertThat(viaCopy.get(0)).containsEntry("name", "v2 " + AWKWARD.get(1)).containsEntry("__ctsync_version", 1001L);
        assertThat(viaCopy.get(3)).containsEntry("name", "v3 " + AWKWARD.get(4)).containsEntry("__ctsync_version", 504L);
        assertThat(viaCopy.get(6)).as("v3 is older than v2 for odd ids").containsEntry("name", "v2 " + AWKWARD.get(7));
        assertThat(((Number) database().value("SELECT COUNT(*) FROM pg_class WHERE relpersistence = 't' "
                + "AND relname LIKE 'ctsync_stage_%'")).longValue()).as("the COPY path's staging table").isPositive();
        // 300 ids, every third updated with v3, half of those (the odd ids) older than their v2.
        Await.value("duplicates counted", () -> PluginMetricValues.value("staged-copy", "duplicate-total"), n -> n == 50L);
    }

    @Test
    void aRecordRefusedInsideACopyBatchIsDeadLetteredAndTheRestOfTheBatchApplies() throws Exception {
        database().execute("CREATE TABLE staged_poison (id INT PRIMARY KEY, name TEXT NOT NULL, amount NUMERIC(12,2), "
                + "born DATE, seen TIMESTAMP(3), data BYTEA, ratio DOUBLE PRECISION, small SMALLINT, flag BOOLEAN, "
                + "__ctsync_version BIGINT)");
        String topic = "staged.poison";
        for (int id = 1; id <= 300; id++) {
            Struct row = row(id, "v1");
            if (id == 150) {
                row.put("name", null);
            }
            TABLE.send(producer, topic, TABLE.create(row, id));
        }
        producer.flush();
        Map<String, String> config = config(topic, "staged_poison");
        config.put("schema.evolution", "none");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "staged.poison.dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        start("staged-poison", config);

        awaitOffset("staged-poison", topic, 300);
        assertThat(target.count("staged_poison")).isEqualTo(299);
        List<ConsumerRecord<byte[], byte[]>> letters = CONNECT.consume(1, Duration.ofSeconds(60), "staged.poison.dlq");
        ConsumerRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(header(letter, "__connect.errors.offset")).isEqualTo("149");
        assertThat(header(letter, DeadLetterHeaders.STAGE)).isEqualTo(DeadLetterHeaders.STAGE_WRITE);
        assertThat(header(letter, DeadLetterHeaders.SQLSTATE)).isEqualTo("23502");
        assertThat(header(letter, DeadLetterHeaders.COLUMN)).isEqualTo("name");
        assertThat(PluginMetricValues.value("staged-poison", "isolated-batch-total")).isPositive();
        assertThat(PluginMetricValues.value("staged-poison", "dead-letter-total")).isEqualTo(1L);
    }

    private static Struct row(int id, String version) {
        String awkward = AWKWARD.get(id % AWKWARD.size());
        return TABLE.newRow()
                .put("id", id)
                .put("name", version + " " + awkward)
                .put("amount", id % 7 == 0 ? null : new BigDecimal(id).movePointLeft(2).negate())
                .put("born", id % 5 == 0 ? null : new Date((id - 150) * 86_400_000L * 97))
                .put("seen", new Date(1_700_000_000_123L + id * 3_600_001L))
                .put("data", id % 4 == 0 ? null : awkward.getBytes(StandardCharsets.UTF_8))
                .put("ratio", id % 6 == 0 ? Double.NaN : id / 7.0)
                .put("small", (short) -id)
                .put("flag", id % 3 == 0 ? null : id % 2 == 0);
    }

    private void awaitOffset(String connector, String topic, long next) {
        Await.value(connector + " applied up to offset " + next, () -> target.storedOffsets(connector),
                offsets -> Long.valueOf(next).equals(offsets.get(topic + "-0")));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
