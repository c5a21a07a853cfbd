package io.ctsync.contract.offset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table followed by Change Tracking. Every change with a version up to and including {@code version} has been
 * emitted; the next read is {@code CHANGETABLE(CHANGES t, version)}. The anchor sits on a version boundary.
 *
 * <p>A transaction can change more rows than one poll emits. Then {@code cursor} says how far into the changes
 * after {@code version} (ordered by change version, then primary key) emission got, so a restart resumes after
 * that row instead of re-emitting or skipping part of a version.
 */
public record IncrementalAnchor(long version, Optional<ChangeCursor> cursor) implements TableAnchor {

    public static final String VERSION = "version";
    public static final String CURSOR_VERSION = "cursor_version";
    public static final String CURSOR_KEY = "cursor_key";
    private static final List<String> FIELDS = List.of(FORMAT, PHASE, SIGNAL_OFFSET, VERSION, CURSOR_VERSION, CURSOR_KEY, ROW_FILTER);
    private static final String WHAT = "Incremental offset";

    /** The last change emitted after the anchor: its change version and primary key. */
    public record ChangeCursor(long changeVersion, List<String> key) {
        public ChangeCursor {
            key = List.copyOf(key);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("cursor key must name at least one key column");
            }
        }
    }

    public IncrementalAnchor {
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0: " + version);
        }
        cursor.ifPresent(c -> {
            if (c.changeVersion() <= version) {
                throw new IllegalArgumentException("cursor version " + c.changeVersion()
                        + " must be greater than the anchor version " + version);
            }
        });
    }

    /** An anchor on a version boundary: everything up to {@code version} emitted. */
    public static IncrementalAnchor at(long version) {
        return new IncrementalAnchor(version, Optional.empty());
    }

    /** Changes after {@code version} emitted up to and including the row ({@code changeVersion}, {@code key}). */
    public static IncrementalAnchor within(long version, long changeVersion, List<String> key) {
        return new IncrementalAnchor(version, Optional.of(new ChangeCursor(changeVersion, key)));
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(FORMAT, CURRENT_FORMAT);
        map.put(PHASE, PHASE_INCREMENTAL);
        map.put(VERSION, version);
        cursor.ifPresent(c -> {
            map.put(CURSOR_VERSION, c.changeVersion());
            map.put(CURSOR_KEY, KeyCodec.encode(c.key()));
        });
        return map;
    }

    static IncrementalAnchor read(Map<String, ?> map) {
        OffsetFields.rejectUnknown(WHAT, map, FIELDS);
        long version = OffsetFields.requiredVersion(WHAT, map, VERSION);
        Long cursorVersion = OffsetFields.optionalVersion(WHAT, map, CURSOR_VERSION);
        String cursorKey = OffsetFields.optionalString(WHAT, map, CURSOR_KEY);
        if ((cursorVersion == null) != (cursorKey == null)) {
            throw new InvalidOffsetException(WHAT + " must carry both '" + CURSOR_VERSION + "' and '" + CURSOR_KEY
                    + "' or neither; to rewind a table, give only '" + VERSION + "'");
        }
        if (cursorVersion == null) {
            return at(version);
        }
        if (cursorVersion <= version) {
            throw new InvalidOffsetException(WHAT + " field '" + CURSOR_VERSION + "' (" + cursorVersion
                    + ") must be greater than '" + VERSION + "' (" + version + ")");
        }
        return within(version, cursorVersion, KeyCodec.decode(WHAT, CURSOR_KEY, cursorKey));
    }
}
