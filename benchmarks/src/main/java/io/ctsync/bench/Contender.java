package io.ctsync.bench;

import java.util.HashMap;
import java.util.Map;

/** A sink connector configuration that competes in the benchmark, writing into its own fresh table. */
record Contender(String name, String table, Map<String, String> config) {

    static final String CTSYNC_CLASS = "io.ctsync.sink.JdbcSinkConnector";
    static final String DEBEZIUM_CLASS = "io.debezium.connector.jdbc.JdbcSinkConnector";

    /** ctsync's sink as an operator would first configure it: everything else at its defaults. */
    static Contender ctsyncDefaults(BenchDatabase db, String topic, Serialization format) {
        Map<String, String> config = common(CTSYNC_CLASS, topic, format);
        config.put("connection.url", db.jdbcUrl());
        config.put("connection.user", db.kind().user);
        config.put("connection.password", db.kind().password);
        String table = "orders_ctsync_default_" + format.tableSuffix();
        config.put("table.name.format", table);
        config.put("schema.evolution", "basic");
        return new Contender("ctsync (defaults)", table, config);
    }

    /** ctsync's sink with the batch size raised, Kafka fetching as many records per poll. */
    static Contender ctsyncTuned(BenchDatabase db, String topic, Serialization format, int batchSize) {
        Contender defaults = ctsyncDefaults(db, topic, format);
        Map<String, String> config = new HashMap<>(defaults.config());
        String table = "orders_ctsync_tuned_" + format.tableSuffix();
        config.put("table.name.format", table);
        config.put("batch.size", String.valueOf(batchSize));
        config.put("consumer.override.max.poll.records", String.valueOf(batchSize));
        return new Contender("ctsync (batch " + batchSize + ")", table, config);
    }

    /** The tuned run without the version gate (sync.version.mode=off): what de-duplication costs. */
    static Contender ctsyncUngated(BenchDatabase db, String topic, Serialization format, int batchSize) {
        return ctsyncTuned(db, topic, format, batchSize).variant("ungated", "version gate off", "sync.version.mode", "off",
                format);
    }

    /**
     * The tuned run with conflict detection on for every table ({@code target-wins}: any rule but source-wins reads the
     * target rows before and after each batch and keeps row hashes). Nobody edits the target, so a single conflict
     * found would skip an update and show in the table digest.
     */
    static Contender ctsyncConflictDetection(BenchDatabase db, String topic, Serialization format, int batchSize) {
        return ctsyncTuned(db, topic, format, batchSize).variant("conflicts", "conflict detection", "conflict.policy",
                "target-wins", format);
    }

    /** The tuned run with PostgreSQL's upserts as batched statements instead of COPY (what COPY gains). */
    static Contender ctsyncStatements(BenchDatabase db, String topic, Serialization format, int batchSize) {
        return ctsyncTuned(db, topic, format, batchSize).variant("statements", "upserts as statements",
                "dialect.postgresql.copy.upserts", "false", format);
    }

    /**
     * The tuned run connecting through a {@link LatencyProxy} on the loopback {@code proxyPort} that adds
     * {@code roundTripMs} to every round trip to the database.
     */
    static Contender ctsyncOverNetwork(BenchDatabase db, String topic, Serialization format, int batchSize, int proxyPort,
                                       long roundTripMs) {
        Contender tuned = ctsyncTuned(db, topic, format, batchSize);
        Map<String, String> config = new HashMap<>(tuned.config());
        String table = "orders_ctsync_rtt" + roundTripMs + "_" + format.tableSuffix();
        config.put("table.name.format", table);
        config.put("connection.url", db.jdbcUrlVia(proxyPort));
        return new Contender(tuned.name().replace(")", ", " + roundTripMs + " ms round trip)"), table, config);
    }

    /** This ctsync run with one more option set, into a table of its own. */
    private Contender variant(String tableWord, String label, String option, String value, Serialization format) {
        Map<String, String> changed = new HashMap<>(config);
        String variantTable = "orders_ctsync_" + tableWord + "_" + format.tableSuffix();
        changed.put("table.name.format", variantTable);
        changed.put(option, value);
        return new Contender(name.replace(")", ", " + label + ")"), variantTable, changed);
    }

    /** Debezium's JDBC sink in upsert mode with deletes and its reduction buffer, at the same batch size. */
    static Contender debezium(BenchDatabase db, String topic, Serialization format, int batchSize) {
        Map<String, String> config = common(DEBEZIUM_CLASS, topic, format);
        config.put("connection.url", db.jdbcUrl());
        config.put("connection.username", db.kind().user);
        config.put("connection.password", db.kind().password);
        config.put("insert.mode", "upsert");
        config.put("delete.enabled", "true");
        config.put("primary.key.mode", "record_key");
        config.put("schema.evolution", "basic");
        config.put("use.reduction.buffer", "true");
        config.put("batch.size", String.valueOf(batchSize));
        config.put("consumer.override.max.poll.records", String.valueOf(batchSize));
        String table = "orders_debezium_" + format.tableSuffix();
        config.put("collection.name.format", table);
        return new Contender("Debezium JDBC sink (batch " + batchSize + ")", table, config);
    }

    private static Map<String, String> common(String connectorClass, String topic, Serialization format) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", connectorClass);
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.putAll(format.converterConfig());
        return config;
    }
}
