package io.ctsync.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each database extension hands out a working, writable database; one short subclass per database. */
abstract class AbstractDatabaseExtensionTest {

    abstract DatabaseExtension extension();

    abstract DatabaseKind expectedKind();

    @Test
    void databaseIsFreshAndWritable() {
        TestDatabase db = extension().database();
        assertThat(db.kind()).isEqualTo(expectedKind());
        assertThat(db.name()).startsWith("ctsync_" + getClass().getSimpleName().toLowerCase().substring(0, 10));

        db.execute("CREATE TABLE probe (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO probe (id, name) VALUES (1, 'one')",
                "INSERT INTO probe (id, name) VALUES (2, 'two')");

        List<Map<String, Object>> rows = db.rows("SELECT id, name FROM probe ORDER BY id");
        assertThat(rows).extracting(r -> String.valueOf(r.values().toArray()[1])).containsExactly("one", "two");
        assertThat(((Number) db.value("SELECT COUNT(*) FROM probe")).intValue()).isEqualTo(2);
    }

    /** Creating and dropping through the extension leaves nothing behind. */
    @Test
    void dropRemovesTheDatabase() throws Exception {
        DatabaseExtension other = newExtension();
        TestDatabase created = other.create(getClass());
        created.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        assertThat(created.name()).isNotEqualTo(extension().database().name());

        other.drop(created);

        assertThat(exists(created)).isFalse();
    }

    abstract DatabaseExtension newExtension();

    abstract boolean exists(TestDatabase database);
}
