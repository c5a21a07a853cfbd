package io.ctsync.contract.offset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table whose initial snapshot is in progress. {@code snapshotVersion} is V0, the Change Tracking version read
 * before the snapshot began; incremental capture starts from it once the snapshot ends. {@code lastKey} is the
 * primary key of the last row emitted (in key order), so a restart resumes after it; empty until a row was emitted.
 */
public record SnapshotAnchor(long snapshotVersion, Optional<List<String>> lastKey) implements TableAnchor {

    public static final String SNAPSHOT_VERSION = "snapshot_version";
    public static final String SNAPSHOT_LAST_KEY = "snapshot_last_key";
    private static final List<String> FIELDS = List.of(FORMAT, PHASE, SIGNAL_OFFSET, SNAPSHOT_VERSION, SNAPSHOT_LAST_KEY, ROW_FILTER);
    private static final String WHAT = "Snapshot offset";

    public SnapshotAnchor {
        if (snapshotVersion < 0) {
            throw new IllegalArgumentException("snapshotVersion must be >= 0: " + snapshotVersion);
        }
        lastKey = lastKey.map(List::copyOf);
    }

    public static SnapshotAnchor starting(long snapshotVersion) {
        return new SnapshotAnchor(snapshotVersion, Optional.empty());
    }

    public static SnapshotAnchor after(long snapshotVersion, List<String> lastKey) {
        return new SnapshotAnchor(snapshotVersion, Optional.of(lastKey));
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(FORMAT, CURRENT_FORMAT);
        map.put(PHASE, PHASE_SNAPSHOT);
        map.put(SNAPSHOT_VERSION, snapshotVersion);
        lastKey.ifPresent(key -> map.put(SNAPSHOT_LAST_KEY, KeyCodec.encode(key)));
        return map;
    }

    static SnapshotAnchor read(Map<String, ?> map) {
        OffsetFields.rejectUnknown(WHAT, map, FIELDS);
        long version = OffsetFields.requiredVersion(WHAT, map, SNAPSHOT_VERSION);
        String key = OffsetFields.optionalString(WHAT, map, SNAPSHOT_LAST_KEY);
        return new SnapshotAnchor(version, Optional.ofNullable(key).map(json -> KeyCodec.decode(WHAT, SNAPSHOT_LAST_KEY, json)));
    }
}
