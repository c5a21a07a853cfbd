package io.ctsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.db.PostgresDatabaseExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink's foreign-key parking meets a parent that never reaches the target: a row's event is parked, then a later
 * event of the row no longer needs that parent (the row moved back to an existing parent, or was deleted). The later
 * event supersedes the parked one: the target converges as soon as it arrives, nothing stays parked and nothing is
 * dead-lettered, although {@code fk.retry.max.ms} is far away. (Before issue 11 the later events waited behind the
 * parked one until {@code fk.retry.max.ms}, then went to the dead-letter topic with it; in the end-to-end workload this
 * happened whenever an order was moved to another customer and a customer deleted while the orders' sink task ran
 * ahead of the customers'.)
 */
class ForeignKeyParkingIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    private static final int MOVED_BACK = 900_001;
    private static final int DELETED = 900_002;

    @Test
    void aLaterEventThatNeedsNoMissingParentSupersedesAParkedOne() throws Exception {
        Pipeline p = new Pipeline(CONNECT, DB.database(), "fkpark", Seeds.next("fkpark"));
        p.sinkOption("fk.retry.max.ms", "600000");
        p.workload().initialRows(1);
        Object customer = p.model().rows(SourceTables.SCHEMA, SourceTables.CUSTOMERS).get(0).get("id");
        for (int id : List.of(MOVED_BACK, DELETED)) {
            p.model().insert(SourceTables.SCHEMA, SourceTables.ORDERS, Map.of("id", id, "customer_id", customer,
                    "status", "new", "total", new BigDecimal("10.00"), "placed", LocalDateTime.of(2026, 11, 30, 5, 0)));
        }
        try {
            p.start();
            p.awaitConvergence(Duration.ofSeconds(60));

            // Both orders move to customers the target does not have (yet): their events are parked.
            p.model().update(SourceTables.SCHEMA, SourceTables.ORDERS, List.of(MOVED_BACK), Map.of("customer_id", 999_999));
            p.model().update(SourceTables.SCHEMA, SourceTables.ORDERS, List.of(DELETED), Map.of("customer_id", 999_998));
            Awaitility.await("both orders' events parked").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> SinkMetrics.total(p.sink(), "parked-records"), n -> n == 2);

            // One moves back (and its total changes), the other is deleted: neither event needs a missing parent.
            p.model().update(SourceTables.SCHEMA, SourceTables.ORDERS, List.of(MOVED_BACK), Map.of("customer_id", customer,
                    "total", new BigDecimal("4242.42")));
            p.model().delete(SourceTables.SCHEMA, SourceTables.ORDERS, List.of(DELETED));

            p.awaitConvergence(Duration.ofSeconds(30));
            Awaitility.await("nothing parked").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> SinkMetrics.total(p.sink(), "parked-records"), n -> n == 0);
            assertThat(SinkMetrics.total(p.sink(), "superseded-total")).isEqualTo(2);
            assertThat(p.deadLetters()).isZero();
        } finally {
            p.delete();
        }
    }
}
