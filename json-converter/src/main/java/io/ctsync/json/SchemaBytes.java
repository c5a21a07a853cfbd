package io.ctsync.json;

import java.util.Arrays;

/**
 * The bytes of an envelope's "schema" member, as a cache key: a lookup key views the record's own array, a stored
 * key owns a copy. Two envelopes whose schemas are byte for byte the same parse to the same schema.
 */
final class SchemaBytes {

    private final byte[] bytes;
    private final int from;
    private final int to;
    private final int hash;

    private SchemaBytes(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        this.hash = h;
    }

    static SchemaBytes view(byte[] record, int from, int to) {
        return new SchemaBytes(record, from, to);
    }

    SchemaBytes copy() {
        return new SchemaBytes(Arrays.copyOfRange(bytes, from, to), 0, to - from);
    }

    int length() {
        return to - from;
    }

    /** Whether {@code record} holds exactly these bytes from {@code offset}. */
    boolean occursIn(byte[] record, int offset) {
        int end = offset + length();
        return end <= record.length && Arrays.equals(bytes, from, to, record, offset, end);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SchemaBytes)) {
            return false;
        }
        SchemaBytes other = (SchemaBytes) o;
        return hash == other.hash && Arrays.equals(bytes, from, to, other.bytes, other.from, other.to);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
