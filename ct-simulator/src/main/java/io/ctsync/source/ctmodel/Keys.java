package io.ctsync.source.ctmodel;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Primary-key order in the model: column by column, values in their natural order (binary: unsigned bytes). */
final class Keys {

    static final Comparator<List<Object>> ORDER = Keys::compare;

    private Keys() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c = x instanceof byte[] bx ? Arrays.compareUnsigned(bx, (byte[]) y)
                    : x instanceof Number nx && y instanceof Number ny && x.getClass() != y.getClass()
                    ? new java.math.BigDecimal(nx.toString()).compareTo(new java.math.BigDecimal(ny.toString()))
                    : ((Comparable) x).compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
