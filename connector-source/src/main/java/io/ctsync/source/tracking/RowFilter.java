package io.ctsync.source.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A table's row filter ({@code table.filter.<schema>.<table>}): a T-SQL search condition on the table's columns,
 * written by the operator. It is trusted input: it is put into the capture's queries as written (in parentheses),
 * never quoted or parsed, exactly like a view definition would be.
 *
 * @param predicate the search condition, e.g. {@code region = 'EU' AND status <> 'draft'}
 */
public record RowFilter(String predicate) {

    public RowFilter {
        if (predicate == null || predicate.isBlank()) {
            throw new IllegalArgumentException("A row filter needs a predicate");
        }
        predicate = predicate.strip();
    }

    /**
     * A digest of the predicate text, kept in the table's offsets: a different one at start means the filter changed
     * and the table is snapshotted again. Any edit of the text counts, even one that keeps the meaning.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(predicate.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
