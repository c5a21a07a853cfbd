package io.ctsync.source.tracking;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of a change-tracked table, in column order, and whether Change Tracking records which columns an
 * update changed ({@code is_track_columns_updated_on}).
 */
public record TableMetadata(TableId id, List<Column> columns, boolean trackColumnsUpdated) {

    public TableMetadata {
        columns = List.copyOf(columns);
        if (columns.stream().noneMatch(Column::isKey)) {
            throw new IllegalArgumentException(id + " has no primary key; Change Tracking requires one");
        }
    }

    /** The primary-key columns in key order: the order of snapshot chunks and change pages. */
    public List<Column> keyColumns() {
        return columns.stream().filter(Column::isKey).sorted(Comparator.comparingInt(Column::keyOrdinal)).toList();
    }

    public Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no column " + name));
    }

    /** Changes whenever a column is added, dropped, renamed, retyped or changes nullability or key membership. */
    public String fingerprint() {
        return columns.stream().map(Column::fingerprint).collect(Collectors.joining(",", "", trackColumnsUpdated ? "+cols" : ""));
    }

    /** The same table without the given columns (never key columns). */
    public TableMetadata without(java.util.Set<String> excluded) {
        return new TableMetadata(id, columns.stream().filter(c -> c.isKey() || !excluded.contains(c.name())).toList(),
                trackColumnsUpdated);
    }
}
