package io.ctsync.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.Customers;
import io.ctsync.sink.testing.Debezium;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * Records produced to real topics, read by the sink in a real Connect worker, end up in the target: every input
 * shape (ctsync envelopes, another Debezium connector's envelopes, flattened rows with {@code __deleted},
 * tombstones), tables created with the right key, columns added, keys' events never reordered. One subclass per
 * database.
 */
public abstract class AbstractApplyIT extends SinkIT {

    @Test
    void ctsyncEventsConvergeWithTheirVersionsAndTombstones() throws Exception {
        String topic = "erp.sales.dbo.customers";
        producer.send(topic, Customers.KEY, Customers.key(1), Customers.ENVELOPE.schema(), Customers.create(1, "Ada", "10.50", 1));
        producer.send(topic, Customers.KEY, Customers.key(2), Customers.ENVELOPE.schema(), Customers.create(2, "Bob", "0.00", 2));
        producer.send(topic, Customers.KEY, Customers.key(3), Customers.ENVELOPE.schema(), Customers.create(3, "Cy", null, 3));
        producer.send(topic, Customers.KEY, Customers.key(2), Customers.ENVELOPE.schema(), Customers.upsert(2, "Bobby", "7.25", 4));
        producer.send(topic, Customers.KEY, Customers.key(3), Customers.ENVELOPE.schema(), Customers.delete(3, 5));
        producer.tombstone(topic, Customers.KEY, Customers.key(3));
        producer.send(topic, Customers.KEY, Customers.key(4), Customers.ENVELOPE.schema(), Customers.create(4, "Dee", "1", 6));
        producer.flush();

        Map<String, String> config = target.sinkConfig(topic);
        config.put("table.name.format", "apply_${source.table}");
        start("ctsync-events", config);

        Await.value("rows of apply_customers", () -> target.rowsById("apply_customers", "name", "balance", "__ctsync_version"),
                rows -> rows.size() == 3 && rows.containsKey(4));
        assertThat(target.rowsById("apply_customers", "name", "balance", "__ctsync_version")).isEqualTo(Map.of(
                1, List.of("Ada", "10.50", "1"),
                2, List.of("Bobby", "7.25", "4"),
                4, List.of("Dee", "1.00", "6")));
        assertThat(target.db().rows("SELECT " + target.quote("row_key") + ", " + target.quote("version") + " FROM "
                + target.quote("ctsync_sink_state") + " WHERE " + target.quote("table_name") + " = 'apply_customers'"))
                .hasSize(1).first().satisfies(row -> assertThat(row.values()).map(String::valueOf).containsExactly("3", "5"));
    }

    @Test
    void debeziumEnvelopesOfAnotherSourceAreGatedOnAConfiguredVersionField() throws Exception {
        String topic = "dbserver1.inventory.products";
        producer.send(topic, Debezium.KEY, Debezium.key(1), Debezium.ENVELOPE, Debezium.event("c", 1, "scooter", 3.14, 100));
        producer.send(topic, Debezium.KEY, Debezium.key(2), Debezium.ENVELOPE, Debezium.event("c", 2, "drill", 8.1, 101));
        producer.send(topic, Debezium.KEY, Debezium.key(1), Debezium.ENVELOPE, Debezium.event("u", 1, "scooter v2", 3.5, 120));
        producer.send(topic, Debezium.KEY, Debezium.key(1), Debezium.ENVELOPE, Debezium.event("u", 1, "stale", 0.0, 110));
        producer.send(topic, Debezium.KEY, Debezium.key(2), Debezium.ENVELOPE, Debezium.event("d", 2, "drill", 8.1, 130));
        producer.send(topic, Debezium.KEY, Debezium.key(3), Debezium.ENVELOPE, Debezium.event("r", 3, "hammer", null, 90));
        producer.flush();

        Map<String, String> config = target.sinkConfig(topic);
        config.put("table.name.format", "dbz_${source.table}");
        config.put("sync.version.field", "source.lsn");
        start("debezium-events", config);

        Await.value("rows of dbz_products", () -> target.rowsById("dbz_products", "name", "__ctsync_version"),
                rows -> rows.containsKey(3) && !rows.containsKey(2));
        assertThat(target.rowsById("dbz_products", "name", "__ctsync_version"))
                .isEqualTo(Map.of(1, List.of("scooter v2", "120"), 3, List.of("hammer", "90")));
    }

    @Test
    void flattenedRowsDeleteByDeletedFlagAndTombstone() throws Exception {
        String topic = "flat.rows";
        Schema key = SchemaBuilder.struct().name("flat.Key").field("id", Schema.INT32_SCHEMA).build();
        Schema value = SchemaBuilder.struct().name("flat.Value")
                .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("__deleted", Schema.OPTIONAL_STRING_SCHEMA).build();
        for (int id = 1; id <= 3; id++) {
            producer.send(topic, key, new Struct(key).put("id", id), value,
                    new Struct(value).put("id", id).put("name", "n" + id).put("__deleted", "false"));
        }
        producer.send(topic, key, new Struct(key).put("id", 1), value,
                new Struct(value).put("id", 1).put("name", "n1").put("__deleted", "true"));
        producer.tombstone(topic, key, new Struct(key).put("id", 2));
        producer.send(topic, key, new Struct(key).put("id", 4), value, new Struct(value).put("id", 4).put("name", "n4"));
        producer.flush();

        start("flat-rows", target.sinkConfig(topic));

        Await.value("rows of flat_rows", () -> target.rowsById("flat_rows", "name"), rows -> rows.containsKey(4));
        assertThat(target.rowsById("flat_rows", "name")).isEqualTo(Map.of(3, List.of("n3"), 4, List.of("n4")));
    }

    @Test
    void basicEvolutionCreatesTheTableAndAddsColumnsWithoutDroppingAny() throws Exception {
        String topic = "evolving";
        Schema key = SchemaBuilder.struct().name("ev.Key").field("id", Schema.INT32_SCHEMA).build();
        Schema v1 = SchemaBuilder.struct().name("ev.Value").field("id", Schema.INT32_SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema v2 = SchemaBuilder.struct().name("ev.Value").version(2).field("id", Schema.INT32_SCHEMA)
                .field("email", Schema.OPTIONAL_STRING_SCHEMA).field("score", Schema.OPTIONAL_INT64_SCHEMA).build();
        producer.send(topic, key, new Struct(key).put("id", 1), v1, new Struct(v1).put("id", 1).put("name", "first"));
        producer.send(topic, key, new Struct(key).put("id", 2), v2, new Struct(v2).put("id", 2).put("email", "b@x").put("score", 7L));
        producer.flush();

        start("evolving", target.sinkConfig(topic));

        Await.value("rows of evolving", () -> target.count("evolving"), n -> n == 2);
        assertThat(target.rowsById("evolving", "name", "email", "score"))
                .isEqualTo(Map.of(1, List.of("first", "null", "null"), 2, List.of("null", "b@x", "7")));
    }

    @Test
    void aKeysEventsKeepTheirOrderWithinABatchWithAndWithoutReduction() throws Exception {
        for (String reduction : List.of("true", "false")) {
            String topic = "ordered_" + reduction;
            String table = topic;
            // key 1: insert, delete, insert again; key 2: insert, delete; key 3: delete, insert (no versions: arrival order)
            Schema key = SchemaBuilder.struct().name("o.Key").field("id", Schema.INT32_SCHEMA).build();
            Schema value = SchemaBuilder.struct().name("o.Value").field("id", Schema.INT32_SCHEMA)
                    .field("name", Schema.OPTIONAL_STRING_SCHEMA).field("__deleted", Schema.OPTIONAL_BOOLEAN_SCHEMA).build();
            int[][] script = {{1, 0}, {2, 0}, {1, 1}, {3, 1}, {1, 0}, {2, 1}, {3, 0}};
            int step = 0;
            for (int[] s : script) {
                producer.send(topic, key, new Struct(key).put("id", s[0]), value,
                        new Struct(value).put("id", s[0]).put("name", "step" + step++).put("__deleted", s[1] == 1));
            }
            producer.flush();
            Map<String, String> config = target.sinkConfig(topic);
            config.put("use.reduction", reduction);
            start("ordered-" + reduction, config);

            Await.value("rows of " + table, () -> target.rowsById(table, "name"),
                    rows -> rows.equals(Map.of(1, List.of("step4"), 3, List.of("step6"))));
            delete("ordered-" + reduction);
        }
    }

}
