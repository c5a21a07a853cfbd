package io.ctsync.contract.offset;

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

    public Map<String, Object> toMap() {
        return Map.of(SERVER, server, DATABASE, database, SCHEMA, schema, TABLE, table);
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
