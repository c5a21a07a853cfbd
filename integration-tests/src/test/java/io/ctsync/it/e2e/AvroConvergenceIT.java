package io.ctsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.utils.converter.AvroConverter;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.db.PostgresDatabaseExtension;
import io.ctsync.testkit.registry.ApicurioRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same pipeline in Avro: both connectors convert with Apicurio's AvroConverter (Confluent's wire format, default
 * topic-name subjects) against a real Apicurio Registry whose global rule requires BACKWARD-compatible versions, with
 * snapshot markers on. The markers are the table's own envelope with no key, so they register nothing the rule could
 * refuse; the sink passes the end markers of every partition. A column added to a source table mid-stream registers a
 * second, compatible schema version for its topic, the sink adds the column, and the target converges. PostgreSQL
 * only: the format is the converters' business, the dialects see the same Connect records.
 */
class AvroConvergenceIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create().workers(3);

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    private static ApicurioRegistry registry;

    @BeforeAll
    static void startRegistry() throws Exception {
        registry = ApicurioRegistry.start(Path.of(System.getProperty("ctsync.apicurio.dir", "target/apicurio")),
                "run the test through Maven (`mvn verify -pl integration-tests -am`), whose pre-integration-test phase "
                        + "fetches it");
        registry.requireCompatibility("BACKWARD");
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void avroThroughARealRegistryWithAColumnAddedMidStream() throws Exception {
        Pipeline p = new Pipeline(CONNECT, DB.database(), "avro", Seeds.next("avro"));
        for (String side : new String[] {"key", "value"}) {
            for (var option : new String[][] {{"", AvroConverter.class.getName()},
                    {".apicurio.registry.url", registry.v2()}, {".apicurio.registry.auto-register", "true"},
                    {".apicurio.registry.find-latest", "true"}, {".apicurio.registry.as-confluent", "true"}}) {
                p.sourceOption(side + ".converter" + option[0], option[1]);
                p.sinkOption(side + ".converter" + option[0], option[1]);
            }
        }
        p.sourceOption("snapshot.markers", "true");
        p.workload().initialRows(150);
        try {
            p.start();
            try (BackgroundLoad load = BackgroundLoad.start(p.workload(), 800, 100)) {
                load.awaitDone(300);
                load.pauseAndRun(() -> p.tables().addColumn(SourceTables.ITEMS, ModelColumn.sized("color", "nvarchar", 30)));
                System.out.println("E2E avro: column items.color added after " + load.done() + " transactions");
                load.finish(Duration.ofSeconds(120));
            }
            p.awaitConvergence(Duration.ofSeconds(240));

            String artifact = p.topic(SourceTables.ITEMS) + "-value";
            JsonNode versions = new ObjectMapper().readTree(registry.call("GET", "/groups/default/artifacts/" + artifact
                    + "/versions", null));
            System.out.println("E2E avro: versions of " + artifact + ": " + versions);
            assertThat(versions.path("versions")).as("schema versions of " + artifact + ": the first and the one with"
                    + " the added column; the markers, of the same schema, add none").hasSize(2);
            String latest = registry.call("GET", "/groups/default/artifacts/" + artifact, null);
            assertThat(latest).as("the latest schema of " + artifact).contains("\"color\"").contains("\"control\"");
            assertThat(registry.call("GET", "/admin/rules/COMPATIBILITY", null)).as("the global rule")
                    .contains("BACKWARD");
            assertThat(p.deadLetters()).as("records the sink could not read or apply").isZero();
            for (String topic : p.topics()) {
                Object passed = DB.database().value("SELECT count(DISTINCT kafka_partition) FROM ctsync_sink_snapshots"
                        + " WHERE topic = '" + topic + "' AND kafka_partition >= 0");
                System.out.println("E2E avro: " + topic + ": end markers passed on " + passed + " partitions");
                assertThat(((Number) passed).intValue()).as("partitions whose snapshot end marker the sink passed, " + topic)
                        .isEqualTo(Pipeline.PARTITIONS);
            }
        } finally {
            p.delete();
        }
    }
}
