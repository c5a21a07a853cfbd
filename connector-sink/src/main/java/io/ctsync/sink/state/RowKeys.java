package io.ctsync.sink.state;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The text form of a row's key in the state table and in a batch's reduction: each key value in canonical text
 * ({@code |} and {@code \} escaped), joined by {@code |}. Keys longer than fits the state table's column are
 * replaced by a SHA-256 digest, which is just as stable.
 */
public final class RowKeys {

    public static final int MAX_LENGTH = 250;
    private static final HexFormat HEX = HexFormat.of();

    private RowKeys() {
    }

    public static String encode(Object[] keyValues) {
        if (keyValues.length == 1 && keyValues[0] instanceof Number n && !(n instanceof BigDecimal)) {
            return n.toString();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < keyValues.length; i++) {
            if (i > 0) {
                out.append('|');
            }
            append(out, keyValues[i]);
        }
        return out.length() <= MAX_LENGTH ? out.toString() : digest(out.toString());
    }

    /** Shortens any text to fit the state table (used for long table names, too). */
    public static String fit(String text) {
        return text.length() <= MAX_LENGTH ? text : digest(text);
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\0");
            return;
        }
        String text = value instanceof byte[] bytes ? HEX.formatHex(bytes)
                : value instanceof BigDecimal decimal ? decimal.stripTrailingZeros().toPlainString() : value.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '|' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HEX.formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
