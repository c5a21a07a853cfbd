package io.ctsync.sink.testing;

import io.ctsync.testkit.db.DatabaseKind;

/**
 * The DDL of a table {@code (id INT PRIMARY KEY, name VARCHAR(40), writes INT NOT NULL DEFAULT 0)} whose every UPDATE
 * adds 1 to {@code writes}, per database: a sink that applies a record twice leaves a non-zero sum.
 */
public final class UpdateCountingTable {

    private UpdateCountingTable() {
    }

    public static String[] ddl(DatabaseKind kind, String table) {
        String create = "CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40), writes INT NOT NULL DEFAULT 0)";
        return switch (kind) {
            case POSTGRESQL -> new String[] {create,
                "CREATE FUNCTION " + table + "_count() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN NEW.writes := OLD.writes + 1; RETURN NEW; END $$",
                "CREATE TRIGGER " + table + "_count BEFORE UPDATE ON " + table + " FOR EACH ROW EXECUTE FUNCTION "
                        + table + "_count()"};
            case MARIADB -> new String[] {create,
                "CREATE TRIGGER " + table + "_count BEFORE UPDATE ON " + table + " FOR EACH ROW SET NEW.writes = OLD.writes + 1"};
            case SQLITE -> new String[] {create,
                "CREATE TRIGGER " + table + "_count AFTER UPDATE OF name ON " + table
                        + " BEGIN UPDATE " + table + " SET writes = writes + 1 WHERE id = NEW.id; END"};
            default -> throw new IllegalArgumentException("No update-counting table for " + kind);
        };
    }
}
