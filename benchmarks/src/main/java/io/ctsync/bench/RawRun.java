package io.ctsync.bench;

import java.sql.Connection;

/** The raw-JDBC limit as one benchmark result. */
final class RawRun {

    static final String NAME = "raw JDBC limit";
    private static final String TABLE = "orders_raw";

    private RawRun() {
    }

    static RunResult run(BenchDatabase db, Workload workload, int batchSize) throws Exception {
        System.out.printf("Running the raw JDBC limit into %s...%n", db.kind());
        try (HeapSampler heap = HeapSampler.start()) {
            long nanos = RawJdbcApplier.apply(db, TABLE, workload, batchSize);
            try (Connection connection = db.open(db.jdbcUrl())) {
                return new RunResult(NAME, db.kind(), "-", workload.changes().size(), nanos, nanos, heap.baselineBytes(),
                        heap.peakBytes(), TableDigest.of(connection, TABLE), null);
            }
        }
    }
}
