package io.ctsync.sink.write;

import static io.ctsync.sink.write.WriterHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.testing.SourceTable;
import io.ctsync.testkit.db.MariaDbDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbSinkWriterTest extends AbstractSinkWriterTest {

    @RegisterExtension
    static final MariaDbDatabaseExtension DB = new MariaDbDatabaseExtension();

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    /**
     * InnoDB rolls back the whole transaction of a deadlock's victim, savepoints with it: a deadlock while a refused
     * batch is replayed row by row must retry the batch (transient), not fail the task on the savepoint that is gone.
     */
    @Test
    void aDeadlockDuringTheRowByRowReplayIsTransientAndTheRetriedBatchLosesNothing() throws Exception {
        String bad = "w_dl_bad";
        String rows = "w_dl_rows";
        database().execute("CREATE TABLE " + bad + " (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, __ctsync_version BIGINT)",
                "CREATE TABLE w_dl_weight (id INT PRIMARY KEY)");
        SourceTable b = new SourceTable(bad, ROW);
        SourceTable r = new SourceTable(rows, ROW);
        Map<String, String> config = WriterHarness.config(database());
        config.put("errors.tolerance", "all");
        TopicPartition badPartition = new TopicPartition(bad, 0);
        TopicPartition rowsPartition = new TopicPartition(rows, 0);
        try (WriterHarness sink = WriterHarness.open(config, "w-deadlock", badPartition, rowsPartition);
             Connection other = database().open(); Connection watcher = database().open()) {
            sink.write(event(rows, 0, r, r.create(row(r, 1, "one"), 1)), event(rows, 1, r, r.create(row(r, 2, "two"), 2)));
            // The refused record's table comes first, so the fast path fails before it touches the rows' table; the
            // replay then updates row 1 and waits for row 2, which the other transaction holds.
            SinkRecord[] batch = {event(bad, 0, b, b.create(row(b, 1, null), 1)),
                event(rows, 2, r, r.update(row(r, 1, "one v2"), 3)), event(rows, 3, r, r.update(row(r, 2, "two v2"), 4))};
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.execute("SET SESSION innodb_lock_wait_timeout = 20");
                statement.executeUpdate("UPDATE " + rows + " SET name = 'held' WHERE id = 2");
                // Heavier than the sink's transaction, so InnoDB picks the sink's as the deadlock's victim.
                statement.executeUpdate("INSERT INTO w_dl_weight SELECT seq FROM seq_1_to_500");
            }
            // Its own thread: the common pool may be busy elsewhere while the sink waits.
            FutureTask<Void> closeTheCycle = new FutureTask<>(() -> lockRowOneOnceTheSinkWaits(other, watcher, rows), null);
            new Thread(closeTheCycle, "w-deadlock-other").start();

            Throwable failure = catchThrowable(() -> sink.write(batch));
            closeTheCycle.get(30, TimeUnit.SECONDS);
            other.rollback();

            assertThat(failure).isInstanceOf(SQLTransactionRollbackException.class).cause().isInstanceOf(SQLException.class);
            assertThat(((SQLException) failure.getCause()).getErrorCode())
                    .as("the deadlock, not the savepoint it took with it: " + failure.getCause()).isEqualTo(1213);
            assertThat(sink.writer.classifier().classify(failure)).isEqualTo(FailureKind.TRANSIENT);
            assertThat(sink.reported).isEmpty();
            assertThat(target.rowsById(rows, "name")).isEqualTo(Map.of(1, List.of("one"), 2, List.of("two")));

            sink.write(batch);
            assertThat(sink.reported).singleElement().satisfies(letter -> assertThat(letter.record().topic()).isEqualTo(bad));
        }
        assertThat(target.rowsById(rows, "name")).isEqualTo(Map.of(1, List.of("one v2"), 2, List.of("two v2")));
        assertThat(target.count(bad)).isZero();
        assertThat(target.storedOffsets("w-deadlock")).isEqualTo(Map.of(bad + "-0", 1L, rows + "-0", 4L));
    }

    /** Waits until the sink waits for the row lock {@code other} holds, then asks for the row the sink holds: a deadlock. */
    private static void lockRowOneOnceTheSinkWaits(Connection other, Connection watcher, String table) {
        try (Statement watch = watcher.createStatement();
             Statement statement = other.createStatement()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // The process list, not InnoDB's lock tables: reading those can wait as long as the lock wait itself.
            while (!watch.executeQuery("SELECT 1 FROM information_schema.processlist WHERE db = DATABASE() AND "
                    + "command IN ('Execute', 'Query') AND time_ms > 300 AND id <> CONNECTION_ID()").next()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The sink never waited for a row lock on " + table);
                }
                Thread.sleep(20);
            }
            statement.executeUpdate("UPDATE " + table + " SET name = 'held too' WHERE id = 1");
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Struct row(SourceTable table, int id, String name) {
        return table.newRow().put("id", id).put("name", name);
    }
}
