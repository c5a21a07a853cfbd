package io.ctsync.source.capture;

import io.ctsync.source.tracking.DatabaseFacts;
import io.ctsync.source.tracking.Isolation;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the isolation of poll cycles from what the database allows and {@code snapshot.isolation.required}. */
public final class IsolationChoice {

    private static final Logger LOG = LoggerFactory.getLogger(IsolationChoice.class);

    private IsolationChoice() {
    }

    public static Isolation choose(DatabaseFacts facts, boolean snapshotRequired) {
        if (facts.snapshotIsolationAllowed()) {
            return Isolation.SNAPSHOT;
        }
        String enable = "ALTER DATABASE [" + facts.databaseName().replace("]", "]]") + "] SET ALLOW_SNAPSHOT_ISOLATION ON";
        if (snapshotRequired) {
            throw new ConnectException("Database " + facts.databaseName() + " does not allow snapshot isolation and "
                    + "snapshot.isolation.required=true; enable it with " + enable);
        }
        LOG.warn("Database {} does not allow snapshot isolation: poll cycles read in READ COMMITTED. A cycle then sees "
                + "rows as they are when each query runs, not as of one version, and retention cleanup can remove changes "
                + "while they are read; the connector checks CHANGE_TRACKING_MIN_VALID_VERSION again after every read so "
                + "such a cleanup is treated as an expired anchor, never skipped. Enable it with {}", facts.databaseName(),
                enable);
        return Isolation.READ_COMMITTED;
    }
}
