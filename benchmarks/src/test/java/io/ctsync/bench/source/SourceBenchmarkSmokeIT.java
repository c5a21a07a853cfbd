package io.ctsync.bench.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The source benchmark at smoke size, so CI proves it still runs through the real capture engine and emits exactly
 * the generated rows and changes. Its numbers mean nothing at this size: run benchmarks/run-source-benchmark.sh.
 */
class SourceBenchmarkSmokeIT {

    @Test
    void capturesEveryGeneratedRowAndChangeWithAFlatLiveHeap() {
        SourceBenchmark.Result result = SourceBenchmark.run(
                SourceBenchmark.Options.parse("--rows", "40000", "--changes", "10000", "--chunk-rows", "2000"));
        System.out.println(result);

        assertThat(result.snapshot().rows()).isEqualTo(40_000);
        assertThat(result.changes().rows()).isEqualTo(10_000);
        assertThat(result.heap().liveBytes()).hasSize(10);
        long first = result.heap().liveBytes().get(0);
        // Nothing accumulates while the snapshot runs: the live set at the end is within 16 MiB of the first sample.
        assertThat(result.heap().liveBytes().get(9)).isLessThan(first + 16L * 1024 * 1024);
    }
}
