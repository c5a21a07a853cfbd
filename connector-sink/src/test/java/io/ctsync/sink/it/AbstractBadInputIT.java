package io.ctsync.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Inputs the sink cannot apply fail the task (with the default errors.tolerance=none) with a message that
 * names the topic, partition, offset, table and column, so an operator can find and fix the record or the target.
 * The batch holding the bad record is rolled back as a whole: fail-fast ({@link AbstractRecordFailureIT} tolerates them).
 */
public abstract class AbstractBadInputIT extends SinkIT {

    private static final Schema KEY = SchemaBuilder.struct().name("bad.Key").field("id", Schema.INT32_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("bad.Value").field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA).build();

    /** False where the database stores any length whatever the declared one (SQLite). */
    protected boolean enforcesLengths() {
        return true;
    }

    @Test
    void aMissingTableWithEvolutionOffNamesTheTable() {
        send("bad.unknown", 1, "fine");
        Map<String, String> config = config("bad.unknown", "bad_unknown");
        config.put("schema.evolution", "none");
        assertThat(failure("bad-unknown", config)).contains("topic=bad.unknown", "partition=0", "offset=0", "table bad_unknown",
                "does not exist", "schema.evolution=none");
    }

    @Test
    void aValueTooLongForItsColumnNamesTheColumn() {
        Assumptions.assumeTrue(enforcesLengths(), "this database stores any length in a VARCHAR(n): the value is kept whole");
        database().execute("CREATE TABLE " + target.quote("bad_long") + " (id INT PRIMARY KEY, name VARCHAR(5))");
        send("bad.long", 1, "short");
        send("bad.long", 2, "much too long");
        assertThat(failure("bad-long", config("bad.long", "bad_long"))).contains("topic=bad.long", "partition=0", "offset=1",
                "table bad_long", "column name");
    }

    @Test
    void aNullInANotNullColumnNamesTheColumn() {
        database().execute("CREATE TABLE " + target.quote("bad_null") + " (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)");
        send("bad.null", 1, "present");
        send("bad.null", 2, null);
        assertThat(failure("bad-null", config("bad.null", "bad_null"))).contains("topic=bad.null", "partition=0", "offset=1",
                "table bad_null", "column name");
    }

    @Test
    void aRecordWithoutAKeySaysSo() {
        producer.send("bad.nokey", null, null, VALUE, new Struct(VALUE).put("id", 1).put("name", "x"));
        producer.flush();
        assertThat(failure("bad-nokey", config("bad.nokey", "bad_nokey"))).contains("topic=bad.nokey", "partition=0",
                "offset=0", "table bad_nokey", "has no key", "primary.key.fields");
    }

    @Test
    void aSchemaNoColumnCanHoldNamesTheField() {
        Schema value = SchemaBuilder.struct().name("bad.Map").field("id", Schema.INT32_SCHEMA)
                .field("tags", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).optional().build()).build();
        producer.send("bad.map", KEY, new Struct(KEY).put("id", 1), value,
                new Struct(value).put("id", 1).put("tags", Map.of("a", "b")));
        producer.flush();
        assertThat(failure("bad-map", config("bad.map", "bad_map"))).contains("topic=bad.map", "partition=0", "offset=0",
                "table bad_map", "column tags", "MAP");
    }

    private void send(String topic, int id, String name) {
        producer.send(topic, KEY, new Struct(KEY).put("id", id), VALUE, new Struct(VALUE).put("id", id).put("name", name));
        producer.flush();
    }

}
