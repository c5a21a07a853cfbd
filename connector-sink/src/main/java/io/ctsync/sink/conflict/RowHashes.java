package io.ctsync.sink.conflict;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A row's column hashes as the sink left it, kept in the state table so a later event can tell whether someone else
 * changed the row (and which columns) without a before image. Both sides are hashed from what the database returns
 * (read back right after the sink's write, and read again before the next event), so types the database normalises
 * (JSON, decimals, times) compare equal. Per column: 8 hex digits of the name's SHA-256 and 16 of the value's.
 */
final class RowHashes {

    private static final int NAME_CHARS = 8;
    private static final int ENTRY_CHARS = NAME_CHARS + 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RowHashes() {
    }

    /** The hashes of a row's columns (name → value as read through JDBC). */
    public static String encode(Map<String, Object> columns) {
        return String.join("", entries(columns).values());
    }

    /**
     * The columns whose value differs from the stored hashes. A column the stored hashes do not know (added since)
     * counts as unchanged: there is nothing to compare it with.
     */
    public static Set<String> changed(String stored, Map<String, Object> columns) {
        Map<String, String> before = new HashMap<>();
        for (int i = 0; i + ENTRY_CHARS <= stored.length(); i += ENTRY_CHARS) {
            before.put(stored.substring(i, i + NAME_CHARS), stored.substring(i + NAME_CHARS, i + ENTRY_CHARS));
        }
        Set<String> changed = new LinkedHashSet<>();
        entries(columns).forEach((name, entry) -> {
            String old = before.get(entry.substring(0, NAME_CHARS));
            if (old != null && !old.equals(entry.substring(NAME_CHARS))) {
                changed.add(name);
            }
        });
        return changed;
    }

    /** Per column, by name: the name's hash and the value's hash. */
    private static Map<String, String> entries(Map<String, Object> columns) {
        Map<String, String> out = new TreeMap<>();
        MessageDigest digest = sha256();
        columns.forEach((name, value) -> {
            StringBuilder entry = new StringBuilder(ENTRY_CHARS);
            hex(entry, digest.digest(name.getBytes(StandardCharsets.UTF_8)), NAME_CHARS / 2);
            hex(entry, digest.digest(canonical(value).getBytes(StandardCharsets.UTF_8)), (ENTRY_CHARS - NAME_CHARS) / 2);
            out.put(name, entry.toString());
        });
        return out;
    }

    /** A stable text form of a value as JDBC returns it. */
    static String canonical(Object value) {
        if (value == null) {
            return "\u0000";
        }
        if (value instanceof byte[] bytes) {
            StringBuilder out = new StringBuilder("0x");
            hex(out, bytes, bytes.length);
            return out.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static void hex(StringBuilder out, byte[] bytes, int count) {
        for (int i = 0; i < count; i++) {
            out.append(HEX[(bytes[i] >> 4) & 0xf]).append(HEX[bytes[i] & 0xf]);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
