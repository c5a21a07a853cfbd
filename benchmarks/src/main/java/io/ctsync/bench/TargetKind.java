package io.ctsync.bench;

import static io.ctsync.testkit.RequiredService.setting;

import java.nio.charset.StandardCharsets;

/** The target databases the sink benchmark runs against, with what differs between them. */
enum TargetKind {
    POSTGRESQL(
            "jdbc:postgresql://", setting("CTSYNC_PG_HOST", "127.0.0.1"), Integer.parseInt(setting("CTSYNC_PG_PORT", "5432")),
            "postgres", setting("CTSYNC_PG_USER", "postgres"), setting("CTSYNC_PG_PASSWORD", ""),
            // The driver's documented fast path for batched INSERTs: rewrite them into multi-row statements.
            "?reWriteBatchedInserts=true",
            "CREATE TABLE %s (id BIGINT PRIMARY KEY, customer TEXT, amount NUMERIC(20,2), quantity INT, active BOOLEAN, "
                    + "created_at TIMESTAMP(3), ship_date DATE, ratio DOUBLE PRECISION, note TEXT, code TEXT)",
            " ON CONFLICT (id) DO UPDATE SET %s",
            "%1$s = EXCLUDED.%1$s",
            // ReadyForQuery, transaction status idle: the server's answer to a COMMIT (the driver sends COMMIT as a
            // named prepared statement, so its text is not on the wire).
            new byte[] {'Z', 0, 0, 0, 5, 'I'}, true),
    MARIADB(
            "jdbc:mariadb://", setting("CTSYNC_MARIADB_HOST", "127.0.0.1"),
            Integer.parseInt(setting("CTSYNC_MARIADB_PORT", "3306")),
            "", setting("CTSYNC_MARIADB_USER", "root"), setting("CTSYNC_MARIADB_PASSWORD", ""),
            // Connector/J 3.x batches through the bulk protocol (there is no rewriteBatchedStatements).
            "?useBulkStmts=true&useBulkStmtsForInserts=true",
            "CREATE TABLE %s (id BIGINT PRIMARY KEY, customer VARCHAR(255), amount DECIMAL(20,2), quantity INT, "
                    + "active BOOLEAN, created_at DATETIME(3), ship_date DATE, ratio DOUBLE, note TEXT, code VARCHAR(64))",
            " ON DUPLICATE KEY UPDATE %s",
            "%1$s = VALUES(%1$s)",
            // The driver sends commit() as the text query COMMIT.
            "COMMIT".getBytes(StandardCharsets.US_ASCII), false);

    final String urlPrefix;
    final String host;
    final int port;
    final String serverUrl;
    final String adminDatabase;
    final String user;
    final String password;
    final String fastPathParameters;
    final String createTable;
    final String upsertSuffix;
    final String assignment;
    /** What a latency proxy counts as one commit, and whether it comes from the server (else the client). */
    final byte[] commitMarker;
    final boolean commitMarkerFromServer;

    TargetKind(String urlPrefix, String host, int port, String adminDatabase, String user, String password, String fastPathParameters,
               String createTable, String upsertSuffix, String assignment, byte[] commitMarker,
               boolean commitMarkerFromServer) {
        this.urlPrefix = urlPrefix;
        this.host = host;
        this.port = port;
        this.serverUrl = serverUrl(host, port);
        this.adminDatabase = adminDatabase;
        this.user = user;
        this.password = password;
        this.fastPathParameters = fastPathParameters;
        this.createTable = createTable;
        this.upsertSuffix = upsertSuffix;
        this.assignment = assignment;
        this.commitMarker = commitMarker;
        this.commitMarkerFromServer = commitMarkerFromServer;
    }

    /** The URL of the server at {@code host:port} (a proxy in front of it), without a database. */
    String serverUrl(String host, int port) {
        return urlPrefix + host + ":" + port + "/";
    }
}
