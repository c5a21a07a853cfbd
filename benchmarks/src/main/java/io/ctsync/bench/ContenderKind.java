package io.ctsync.bench;

/** The runs a benchmark can make. */
enum ContenderKind {
    RAW,
    RAW_PIPELINE,
    CTSYNC_DEFAULTS,
    CTSYNC_TUNED,
    CTSYNC_UNGATED,
    CTSYNC_CONFLICTS,
    DEBEZIUM,
    /** Only when asked for: through a 1 ms round trip (at 500,000 events it alone takes minutes). */
    CTSYNC_RTT1,
    /** Only when asked for: through a 5 ms round trip. */
    CTSYNC_RTT5,
    /** PostgreSQL only, and only when asked for: the tuned run with upserts as statements instead of COPY. */
    CTSYNC_STATEMENTS;

    /**
     * True for the runs a benchmark makes when no --contenders are given. The round-trip runs are left out: at the
     * default 500,000 events they take ~4 minutes a database by themselves (a 5 ms round trip caps a batch's rate
     * however fast the database is), which would push the default run past its 10 minutes.
     */
    boolean inDefaultRun() {
        return this != CTSYNC_STATEMENTS && roundTripMs() == 0;
    }

    /** The round trip the run adds between the sink and the database (through a {@link LatencyProxy}); 0 for none. */
    long roundTripMs() {
        return switch (this) {
            case CTSYNC_RTT1 -> 1;
            case CTSYNC_RTT5 -> 5;
            default -> 0;
        };
    }

    /** True for the runs through a connector in the worker (not the raw limit nor the raw pipeline). */
    boolean isConnector() {
        return this != RAW && this != RAW_PIPELINE;
    }

    /** The connector of this run; {@code proxyPort} is the latency proxy's for the runs with a round trip. */
    Contender contender(BenchDatabase db, String topic, Serialization format, int batchSize, int proxyPort) {
        return switch (this) {
            case CTSYNC_DEFAULTS -> Contender.ctsyncDefaults(db, topic, format);
            case CTSYNC_TUNED -> Contender.ctsyncTuned(db, topic, format, batchSize);
            case CTSYNC_UNGATED -> Contender.ctsyncUngated(db, topic, format, batchSize);
            case CTSYNC_CONFLICTS -> Contender.ctsyncConflictDetection(db, topic, format, batchSize);
            case DEBEZIUM -> Contender.debezium(db, topic, format, batchSize);
            case CTSYNC_STATEMENTS -> Contender.ctsyncStatements(db, topic, format, batchSize);
            case CTSYNC_RTT1, CTSYNC_RTT5 -> Contender.ctsyncOverNetwork(db, topic, format, batchSize, proxyPort,
                    roundTripMs());
            case RAW, RAW_PIPELINE -> throw new IllegalStateException(this + " runs without a connector");
        };
    }
}
