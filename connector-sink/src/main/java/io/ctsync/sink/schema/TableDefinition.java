package io.ctsync.sink.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A target table as it exists, read once from the catalog and cached: its columns, primary key and the names of
 * other unique indexes. Column lookup is exact first, then case-insensitive (an unquoted name folded by the
 * database still matches the field it came from).
 */
public final class TableDefinition {

    private final TableId id;
    private final Map<String, ColumnInfo> columns;
    private final Map<String, ColumnInfo> columnsIgnoringCase = new LinkedHashMap<>();
    private final List<String> primaryKey;
    private final List<String> otherUniqueIndexes;
    private final java.util.Set<String> identityColumns;

    public TableDefinition(TableId id, List<ColumnInfo> columns, List<String> primaryKey, List<String> otherUniqueIndexes) {
        this(id, columns, primaryKey, otherUniqueIndexes, java.util.Set.of());
    }

    /** With the columns whose values the database generates (SQL Server IDENTITY), as the catalog names them. */
    public TableDefinition(TableId id, List<ColumnInfo> columns, List<String> primaryKey, List<String> otherUniqueIndexes,
                           java.util.Set<String> identityColumns) {
        this.identityColumns = java.util.Set.copyOf(identityColumns);
        this.id = id;
        this.columns = new LinkedHashMap<>();
        for (ColumnInfo column : columns) {
            this.columns.put(column.name(), column);
            this.columnsIgnoringCase.putIfAbsent(column.name().toLowerCase(Locale.ROOT), column);
        }
        this.primaryKey = List.copyOf(primaryKey);
        this.otherUniqueIndexes = List.copyOf(otherUniqueIndexes);
    }

    public TableId id() {
        return id;
    }

    public Optional<ColumnInfo> column(String name) {
        ColumnInfo exact = columns.get(name);
        return Optional.ofNullable(exact != null ? exact : columnsIgnoringCase.get(name.toLowerCase(Locale.ROOT)));
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    public List<String> otherUniqueIndexes() {
        return otherUniqueIndexes;
    }

    /** The table's IDENTITY columns (empty where the dialect does not read them). */
    public java.util.Set<String> identityColumns() {
        return identityColumns;
    }

    /** The same table with these identity columns. */
    public TableDefinition withIdentityColumns(java.util.Set<String> identity) {
        return new TableDefinition(id, List.copyOf(columns.values()), primaryKey, otherUniqueIndexes, identity);
    }

    public int columnCount() {
        return columns.size();
    }
}
