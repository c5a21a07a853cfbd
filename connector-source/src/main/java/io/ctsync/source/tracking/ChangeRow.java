package io.ctsync.source.tracking;

import java.util.List;
import java.util.Set;

/**
 * One row of {@code CHANGETABLE(CHANGES t, anchor)} joined to the base table.
 *
 * @param key             primary-key values from the change table, in key order
 * @param creationVersion {@code SYS_CHANGE_CREATION_VERSION}, may be null
 * @param context         {@code SYS_CHANGE_CONTEXT}, null when the writer set none
 * @param changedColumns  names of the columns in {@code SYS_CHANGE_COLUMNS}; null when the mask is NULL (columns
 *                        not tracked, an insert or delete, or every column changed)
 * @param values          the base-table row, one value per column of the metadata the page was read with; null when
 *                        the row no longer exists (always for a delete)
 * @param matchesFilter   false only when the changes were read with a {@link RowFilter} and the base-table row exists
 *                        but fails it (Change Tracking keeps no before-image: whether the row matched before is unknown)
 */
public record ChangeRow(ChangeOperation operation, long version, Long creationVersion, byte[] context,
                        Set<String> changedColumns, List<Object> key, Object[] values, boolean matchesFilter) {

    /** A change read without a row filter. */
    public ChangeRow(ChangeOperation operation, long version, Long creationVersion, byte[] context,
                     Set<String> changedColumns, List<Object> key, Object[] values) {
        this(operation, version, creationVersion, context, changedColumns, key, values, true);
    }

    /** The row exists but fails the row filter: it left the filter (or never matched), so consumers drop the key. */
    public boolean leftFilter() {
        return !matchesFilter && values != null;
    }

    /** This change as a delete of its key, at the same version. */
    public ChangeRow asDelete() {
        return new ChangeRow(ChangeOperation.DELETE, version, creationVersion, context, null, key, null, true);
    }
}
