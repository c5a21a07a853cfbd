package io.ctsync.source.anchor;

import io.ctsync.contract.offset.TablePartition;
import io.ctsync.source.tracking.TableId;

/**
 * The one place a table's source partition is built: every record of a table (event or heartbeat) and every anchor
 * read at start use this key, so Connect finds the anchor a record committed.
 */
public final class TablePartitions {

    private final String server;
    private final String database;

    /** Partitions of the tables of {@code database}, captured under {@code topic.prefix} = {@code topicPrefix}. */
    public TablePartitions(String topicPrefix, String database) {
        this.server = topicPrefix;
        this.database = database;
    }

    public TablePartition of(TableId table) {
        return new TablePartition(server, database, table.schema(), table.table());
    }
}
