package io.ctsync.contract.event;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Connect schema names that are also valid Avro full names, so events convert with any Avro converter.
 * Each dot-separated part becomes {@code [A-Za-z_][A-Za-z0-9_]*}; other characters become {@code _}.
 */
public final class SchemaNames {

    private SchemaNames() {
    }

    /** The base name of a table's schemas: {@code <prefix>.<db>.<schema>.<table>}, made Avro-safe. */
    public static String forTable(String topicPrefix, String database, String schema, String table) {
        return String.join(".", avroPart(topicPrefix), avroPart(database), avroPart(schema), avroPart(table));
    }

    public static String key(String tableBaseName) {
        return tableBaseName + ".Key";
    }

    public static String value(String tableBaseName) {
        return tableBaseName + ".Value";
    }

    public static String envelope(String tableBaseName) {
        return tableBaseName + ".Envelope";
    }

    /** An Avro-safe full name: every part of a dotted name made valid on its own. */
    public static String avroFullName(String dottedName) {
        return Arrays.stream(dottedName.split("\\.", -1)).map(SchemaNames::avroPart).collect(Collectors.joining("."));
    }

    /** One Avro name part (no dots): invalid characters become {@code _}; a leading digit gets a {@code _}. */
    public static String avroPart(String name) {
        if (name == null || name.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(name.length() + 1);
        if (!isAvroStart(name.charAt(0))) {
            out.append('_');
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(isAvroStart(c) || (c >= '0' && c <= '9') ? c : '_');
        }
        return out.toString();
    }

    private static boolean isAvroStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }
}
