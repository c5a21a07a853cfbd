package io.ctsync.contract.offset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Connect source partition of one captured table: {@code {server, database, schema, table}}, where
 * {@code server} is the connector's {@code topic.prefix}. Each table has its own anchor under its partition.
 */
public record TablePartition(String server, String database, String schema, String table) {

    public static final String SERVER = "server";
    public static final String DATABASE = "database";
    public static final String SCHEMA = "schema";
    public static final String TABLE = "table";
    private static final List<String> FIELDS = List.of(SERVER, DATABASE, SCHEMA, TABLE);
    private static final String WHAT = "Source partition";

    public TablePartition {
        requireText(SERVER, server);
        requireText(DATABASE, database);
        requireText(SCHEMA, schema);
        requireText(TABLE, table);
    }

    /**
     * The partition as Connect stores it. Connect finds a partition's offset by the serialized bytes of this map,
     * and it serializes maps in iteration order; the worker itself (REST offsets API, a restarted worker) rebuilds
     * partitions as {@link HashMap}s. So this is a HashMap too: its order depends only on the String keys' hash
     * codes, the same in every JVM, where {@code Map.of} changes its order from one JVM to the next and a restarted
     * worker would not find the anchor.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(SERVER, server);
        map.put(DATABASE, database);
        map.put(SCHEMA, schema);
        map.put(TABLE, table);
        return map;
    }

    /** Reads a partition; any other shape is an {@link InvalidOffsetException} naming the field. */
    public static TablePartition fromMap(Map<String, ?> map) {
        if (map == null) {
            throw new InvalidOffsetException(WHAT + " must not be null; expected the fields " + FIELDS);
        }
        OffsetFields.rejectUnknown(WHAT, map, FIELDS);
        return new TablePartition(
                OffsetFields.requiredString(WHAT, map, SERVER),
                OffsetFields.requiredString(WHAT, map, DATABASE),
                OffsetFields.requiredString(WHAT, map, SCHEMA),
                OffsetFields.requiredString(WHAT, map, TABLE));
    }

    /** {@code schema.table}, the form table include/exclude lists match against. */
    public String qualifiedTable() {
        return schema + "." + table;
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidOffsetException(WHAT + " field '" + field + "' must be a non-empty string");
        }
    }
}
