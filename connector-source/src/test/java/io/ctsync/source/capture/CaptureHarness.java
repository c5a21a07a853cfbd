package io.ctsync.source.capture;

import io.ctsync.contract.offset.TablePartition;
import io.ctsync.source.anchor.StoredAnchors;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.config.SourceTaskConfig;
import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelDatabase;
import io.ctsync.source.ctmodel.ModelDatabaseFactory;
import io.ctsync.source.tracking.Isolation;
import io.ctsync.source.tracking.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Runs a {@link CaptureEngine} on a model the way a Connect worker runs a task: records are "delivered" and their
 * offsets "committed" (the last offset per partition wins), and {@link #crash} drops the engine and everything not
 * committed, then starts a new engine from the committed offsets, as a restarted task would.
 */
final class CaptureHarness {

    static final String DATABASE = "sales";
    final ChangeTrackingModel model;
    final Map<String, String> props = new HashMap<>();
    final Map<Map<String, ?>, Map<String, ?>> committed = new HashMap<>();
    final List<SourceRecord> delivered = new ArrayList<>();
    final AtomicLong clock = new AtomicLong(1_000_000);
    Isolation isolation = Isolation.SNAPSHOT;
    CaptureEngine engine;

    CaptureHarness(String... tables) {
        model = ChangeTrackingModel.create(DATABASE + "-" + java.util.UUID.randomUUID()).enableChangeTracking();
        props.put(SourceConnectorConfig.TOPIC_PREFIX, "erp");
        props.put("connection.url", ModelDatabaseFactory.url(model));
        props.put(SourceConnectorConfig.DATABASE_FACTORY, ModelDatabaseFactory.class.getName());
        props.put(SourceConnectorConfig.HEARTBEAT_INTERVAL_MS, "1000");
        // Tests of other behaviour see only change events; SnapshotMarkersTest turns the markers on.
        props.put(SourceConnectorConfig.SNAPSHOT_MARKERS, "false");
        props.put(SourceTaskConfig.TASK_TABLES, SourceTaskConfig.forTables(Map.of(),
                java.util.Arrays.stream(tables).map(t -> new TableId("dbo", t)).toList()).get(SourceTaskConfig.TASK_TABLES));
    }

    CaptureHarness with(String option, Object value) {
        props.put(option, String.valueOf(value));
        return this;
    }

    /** Starts (or restarts) the engine from the committed offsets. */
    CaptureHarness start() {
        SourceTaskConfig config = new SourceTaskConfig(props);
        Map<TableId, Map<String, ?>> offsets = new HashMap<>();
        for (TableId table : config.tables()) {
            Map<String, ?> offset = committed.get(partition(table.table()).toMap());
            if (offset != null) {
                offsets.put(table, offset);
            }
        }
        engine = new CaptureEngine(config, new ModelDatabase(model), isolation, model.name(),
                StoredAnchors.fromOffsets(offsets, t -> config.rowFilter(model.name(), t)), clock::get);
        return this;
    }

    TablePartition partition(String table) {
        return new TablePartition("erp", model.name(), "dbo", table);
    }

    /** One poll cycle; its records are delivered and committed. */
    List<SourceRecord> poll() {
        List<SourceRecord> records = engine.poll();
        deliver(records);
        return records;
    }

    /** Polls until a cycle returns nothing; returns everything delivered meanwhile. */
    List<SourceRecord> drain() {
        List<SourceRecord> all = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            List<SourceRecord> records = poll();
            if (records.isEmpty()) {
                return all;
            }
            all.addAll(records);
        }
        throw new AssertionError("The engine never ran out of records");
    }

    /** One poll cycle whose records are lost except the first {@code keep} (delivered and committed). */
    List<SourceRecord> pollAndCrashAfter(int keep) {
        List<SourceRecord> records = engine.poll();
        deliver(records.subList(0, Math.min(keep, records.size())));
        start();
        return records;
    }

    void deliver(List<SourceRecord> records) {
        for (SourceRecord record : records) {
            delivered.add(record);
            committed.put(record.sourcePartition(), record.sourceOffset());
        }
    }

    Map<String, ?> committedOffset(String table) {
        return committed.get(partition(table).toMap());
    }

    void advanceClock(long ms) {
        clock.addAndGet(ms);
    }

    static String op(SourceRecord record) {
        if (record.topic().endsWith(".heartbeat")) {
            return "heartbeat";
        }
        if (io.ctsync.contract.event.SnapshotControl.isControl(record.headers())) {
            return record.headers().lastWithName(io.ctsync.contract.event.SnapshotControl.HEADER).value().toString();
        }
        return record.value() == null ? "tombstone" : ((Struct) record.value()).getString("op");
    }

    /** The change events among records (no heartbeats, no tombstones, no snapshot markers). */
    static List<SourceRecord> events(List<SourceRecord> records) {
        return records.stream().filter(r -> !r.topic().endsWith(".heartbeat") && r.value() != null
                && !io.ctsync.contract.event.SnapshotControl.isControl(r.headers())).toList();
    }

    static Struct source(SourceRecord record) {
        return ((Struct) record.value()).getStruct("source");
    }

    static Object keyOf(SourceRecord record) {
        return ((Struct) record.key()).get(((Struct) record.key()).schema().fields().get(0));
    }

    static List<SourceRecord> onTopic(List<SourceRecord> records, String suffix) {
        return records.stream().filter(r -> r.topic().endsWith(suffix)).toList();
    }
}
