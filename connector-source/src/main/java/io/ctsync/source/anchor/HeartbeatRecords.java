package io.ctsync.source.anchor;

import io.ctsync.contract.event.ChangeTopics;
import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.contract.offset.TablePartition;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Records on {@code <topic.prefix>.heartbeat} that carry a table's advanced anchor, so Connect commits it even when
 * the table emitted no event. Keyed by table, so a compacted heartbeat topic keeps one record per table.
 */
public final class HeartbeatRecords {

    public static final Schema KEY_SCHEMA = SchemaBuilder.struct().name("io.ctsync.connector.sqlserver.HeartbeatKey")
            .field(TablePartition.SERVER, Schema.STRING_SCHEMA)
            .field(TablePartition.DATABASE, Schema.STRING_SCHEMA)
            .field(TablePartition.SCHEMA, Schema.STRING_SCHEMA)
            .field(TablePartition.TABLE, Schema.STRING_SCHEMA)
            .build();
    public static final String TS_MS = "ts_ms";
    public static final String PHASE = "phase";
    public static final String VERSION = "version";
    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("io.ctsync.connector.sqlserver.Heartbeat")
            .field(TS_MS, Schema.INT64_SCHEMA)
            .field(PHASE, Schema.STRING_SCHEMA)
            .field(VERSION, Schema.INT64_SCHEMA)
            .build();

    private final String topic;

    public HeartbeatRecords(String topicPrefix) {
        this.topic = ChangeTopics.heartbeat(topicPrefix);
    }

    public String topic() {
        return topic;
    }

    /** A heartbeat that commits {@code offset}, the offset of {@code anchor} (with the table's row-filter fingerprint). */
    public SourceRecord heartbeat(TablePartition partition, TableAnchor anchor, Map<String, Object> offset, long nowMs) {
        long version = anchor instanceof IncrementalAnchor a ? a.version() : ((SnapshotAnchor) anchor).snapshotVersion();
        String phase = anchor instanceof IncrementalAnchor ? TableAnchor.PHASE_INCREMENTAL : TableAnchor.PHASE_SNAPSHOT;
        Struct key = new Struct(KEY_SCHEMA)
                .put(TablePartition.SERVER, partition.server())
                .put(TablePartition.DATABASE, partition.database())
                .put(TablePartition.SCHEMA, partition.schema())
                .put(TablePartition.TABLE, partition.table());
        Struct value = new Struct(VALUE_SCHEMA).put(TS_MS, nowMs).put(PHASE, phase).put(VERSION, version);
        return new SourceRecord(partition.toMap(), offset, topic, null, KEY_SCHEMA, key, VALUE_SCHEMA, value, nowMs);
    }
}
