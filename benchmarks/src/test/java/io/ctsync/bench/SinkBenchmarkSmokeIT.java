package io.ctsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.testkit.RequiredService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sink benchmark end to end at smoke size, so CI proves it still runs and that every contender leaves its
 * table exactly at the workload's final state. Its numbers mean nothing at this size; run the real thing with
 * benchmarks/run-sink-benchmark.sh.
 */
class SinkBenchmarkSmokeIT {

    @BeforeAll
    static void databasesAreThere() {
        for (TargetKind kind : TargetKind.values()) {
            try (Connection connection = DriverManager.getConnection(kind.serverUrl + kind.adminDatabase, kind.user, kind.password)) {
                assertThat(connection.isValid(5)).as(kind + " answers").isTrue();
            } catch (SQLException e) {
                throw RequiredService.unavailable(kind + " at " + kind.serverUrl, "Start it (.ci/run does).", e);
            }
        }
    }

    @Test
    void everyContenderReachesTheExpectedFinalStateOnBothDatabases() throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse("--events", "3000", "--batch-size", "500", "--formats", "json");

        SinkBenchmark.Outcome outcome = SinkBenchmark.run(options);
        System.out.println(Report.markdown(options, outcome));

        assertThat(outcome.mismatches()).isEmpty();
        assertThat(outcome.results()).hasSize(TargetKind.values().length
                * (int) Arrays.stream(ContenderKind.values()).filter(ContenderKind::inDefaultRun).count());
        assertThat(outcome.results()).allSatisfy(r -> {
            assertThat(r.digest().rows()).isEqualTo(outcome.expected().rows());
            assertThat(r.eventsPerSecond()).isPositive();
        });
        assertThat(outcome.results()).extracting(RunResult::target).containsAll(List.of(TargetKind.values()));
    }

    @Test
    void bothSinksAndTheRawPipelineReachTheExpectedFinalStateThroughCtsyncsJsonConverter() throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse("--events", "3000", "--batch-size", "500", "--formats",
                "json-fast", "--contenders", "raw-pipeline,ctsync-tuned,debezium", "--no-warmup");

        SinkBenchmark.Outcome outcome = SinkBenchmark.run(options);
        System.out.println(Report.markdown(options, outcome));

        assertThat(outcome.mismatches()).isEmpty();
        assertThat(outcome.results()).hasSize(TargetKind.values().length * 3);
        assertThat(outcome.results()).allSatisfy(r -> {
            assertThat(r.format()).isEqualTo("json-fast");
            assertThat(r.digest().rows()).isEqualTo(outcome.expected().rows());
        });
    }

    @Test
    void theRoundTripRunsCountRoundTripsPerBatchOnBothDatabases() throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse("--events", "3000", "--batch-size", "500", "--formats", "json",
                "--contenders", "ctsync-rtt1,ctsync-rtt5", "--no-warmup");

        SinkBenchmark.Outcome outcome = SinkBenchmark.run(options);
        System.out.println(Report.markdown(options, outcome));

        assertThat(outcome.mismatches()).isEmpty();
        assertThat(outcome.results()).hasSize(TargetKind.values().length * 2);
        assertThat(outcome.results()).allSatisfy(r -> {
            assertThat(r.digest().rows()).isEqualTo(outcome.expected().rows());
            assertThat(r.roundTripsPerBatch()).as("round trips per batch of " + r.contender()).isGreaterThan(1);
        });
    }
}
