package io.ctsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.db.PostgresDatabaseExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink's foreign-key parking meets a parent that never reaches the target: a row's event is parked, and the row's
 * later events wait behind it even when they no longer need that parent (the row moved back to an existing parent, or
 * was deleted). The target should converge as soon as the later event arrives; the sink instead holds the row stale
 * until {@code fk.retry.max.ms} and then dead-letters the parked record (or, with {@code errors.tolerance=none}, fails
 * the task; the later events parked behind it go with it). In the end-to-end workload this happened whenever an order
 * was moved to another customer and its former customer deleted while the orders' sink task was ahead of the
 * customers': with several tasks, routinely.
 */
@Disabled("sink bug (issue 11 e2e): a record parked for a missing parent holds back every later event of its row, "
        + "even one that no longer references that parent; the row stays stale until fk.retry.max.ms, then the parked "
        + "record and the events behind it are dead-lettered (or fail the task with errors.tolerance=none)")
class ForeignKeyParkingIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    @Test
    void aLaterEventThatNeedsNoMissingParentIsNotHeldBehindAParkedOne() throws Exception {
        Pipeline p = new Pipeline(CONNECT, DB.database(), "fkpark", Seeds.next("fkpark"));
        p.sinkOption("fk.retry.max.ms", "60000");
        p.workload().initialRows(1);
        try {
            p.start();
            p.awaitConvergence(Duration.ofSeconds(60));

            // An order moves to a customer the target does not have (yet): its event is parked. Then it moves back
            // and its total changes: that event needs no missing parent, but waits behind the parked one.
            Map<String, Object> order = p.model().rows(SourceTables.SCHEMA, SourceTables.ORDERS).get(0);
            List<Object> key = List.of(order.get("id"));
            p.model().update(SourceTables.SCHEMA, SourceTables.ORDERS, key, Map.of("customer_id", 999_999));
            Awaitility.await("the order's event parked").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> SinkMetrics.total(p.sink(), "parked-records"), n -> n == 1);
            p.model().update(SourceTables.SCHEMA, SourceTables.ORDERS, key, Map.of("customer_id", order.get("customer_id"),
                    "total", new java.math.BigDecimal("4242.42")));

            p.awaitConvergence(Duration.ofSeconds(20));
            Awaitility.await("nothing parked").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> SinkMetrics.total(p.sink(), "parked-records"), n -> n == 0);
        } finally {
            p.delete();
        }
    }
}
