package io.ctsync.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The private server is real: it answers, stops (connections then fail), starts again with its data kept. */
class PrivatePostgresExtensionTest {

    @RegisterExtension
    static final PrivatePostgresExtension PG = new PrivatePostgresExtension();

    @Test
    void stopsAndStartsKeepingItsData() throws Exception {
        TestDatabase db = PG.database();
        db.execute("CREATE TABLE kept (id INT PRIMARY KEY)", "INSERT INTO kept VALUES (1)");
        assertThat(PG.port()).isNotEqualTo(5432);

        PG.stop();
        assertThatThrownBy(() -> db.value("SELECT 1")).hasMessageContaining("Query failed");

        PG.start();
        assertThat(((Number) db.value("SELECT COUNT(*) FROM kept")).intValue()).isEqualTo(1);
    }
}
