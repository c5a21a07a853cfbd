package io.ctsync.bench;

/** The runs a benchmark can make. */
enum ContenderKind {
    RAW,
    CTSYNC_DEFAULTS,
    CTSYNC_TUNED,
    CTSYNC_UNGATED,
    CTSYNC_CONFLICTS,
    DEBEZIUM;

    Contender contender(BenchDatabase db, String topic, Serialization format, int batchSize) {
        return switch (this) {
            case CTSYNC_DEFAULTS -> Contender.ctsyncDefaults(db, topic, format);
            case CTSYNC_TUNED -> Contender.ctsyncTuned(db, topic, format, batchSize);
            case CTSYNC_UNGATED -> Contender.ctsyncUngated(db, topic, format, batchSize);
            case CTSYNC_CONFLICTS -> Contender.ctsyncConflictDetection(db, topic, format, batchSize);
            case DEBEZIUM -> Contender.debezium(db, topic, format, batchSize);
            case RAW -> throw new IllegalStateException("The raw limit runs without a connector");
        };
    }
}
