package io.ctsync.sink.reconcile;

import java.util.Map;

/**
 * A target row whose applied version is below a snapshot's V0: its key values (as JDBC read them, bound back as they
 * are), the key's text form (the state table's row key) and the values of its other columns (for conflict hashes).
 */
record StaleRow(Object[] key, String rowKey, Map<String, Object> values) {
}
