package io.ctsync.sink.it.mariadb;

import io.ctsync.sink.it.AbstractBadInputIT;
import io.ctsync.testkit.db.MariaDbDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbBadInputIT extends AbstractBadInputIT {

    @RegisterExtension
    static final MariaDbDatabaseExtension DB = new MariaDbDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @org.junit.jupiter.api.Test
    void aTableWithASecondaryUniqueKeyIsRefusedNamingTheIndex() {
        DB.database().execute("CREATE TABLE bad_unique (id INT PRIMARY KEY, name VARCHAR(20), CONSTRAINT uq_name UNIQUE (name))");
        java.util.Map<String, String> config = target.sinkConfig("bad.unique");
        config.put("table.name.format", "bad_unique");
        org.apache.kafka.connect.data.Schema key = org.apache.kafka.connect.data.SchemaBuilder.struct().name("u.Key")
                .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA).build();
        org.apache.kafka.connect.data.Schema value = org.apache.kafka.connect.data.SchemaBuilder.struct().name("u.Value")
                .field("id", org.apache.kafka.connect.data.Schema.INT32_SCHEMA)
                .field("name", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA).build();
        try (io.ctsync.sink.testing.TopicProducer producer = new io.ctsync.sink.testing.TopicProducer(CONNECT)) {
            producer.send("bad.unique", key, new org.apache.kafka.connect.data.Struct(key).put("id", 1), value,
                    new org.apache.kafka.connect.data.Struct(value).put("id", 1).put("name", "a"));
            producer.flush();
        }
        org.assertj.core.api.Assertions.assertThat(failure("bad-unique", config)).contains("topic=bad.unique", "offset=0",
                "table bad_unique", "uq_name", "ON DUPLICATE KEY UPDATE");
    }
}
