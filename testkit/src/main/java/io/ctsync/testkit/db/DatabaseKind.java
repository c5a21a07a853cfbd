package io.ctsync.testkit.db;

/** The kinds of database the tests run against. */
public enum DatabaseKind {
    POSTGRESQL,
    MARIADB,
    SQLITE,
    H2,
    SQLSERVER
}
