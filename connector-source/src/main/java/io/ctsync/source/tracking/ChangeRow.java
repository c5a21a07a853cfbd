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
 */
public record ChangeRow(ChangeOperation operation, long version, Long creationVersion, byte[] context,
                        Set<String> changedColumns, List<Object> key, Object[] values) {
}
