package io.ctsync.source.tracking;

/**
 * One column of a captured table, as the catalog describes it ({@code sys.columns}, {@code sys.types}).
 *
 * @param columnId     {@code sys.columns.column_id}, the id {@code CHANGE_TRACKING_IS_COLUMN_IN_MASK} expects
 * @param typeName     the SQL Server system type ({@code int}, {@code datetime2}, ...), alias types resolved
 * @param maxLength    {@code sys.columns.max_length} in bytes, -1 for (max)
 * @param keyOrdinal   position in the primary key (1-based), 0 when not a key column
 */
public record Column(String name, int columnId, String typeName, int maxLength, int precision, int scale,
                     boolean nullable, int keyOrdinal) {

    public boolean isKey() {
        return keyOrdinal > 0;
    }

    /** What a change in this column's definition looks like, for schema-change detection. */
    String fingerprint() {
        return name + ':' + columnId + ':' + typeName + '(' + maxLength + ',' + precision + ',' + scale + ')'
                + (nullable ? "?" : "!") + keyOrdinal;
    }
}
