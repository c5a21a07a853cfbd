package io.ctsync.sink.dialect;

import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.Kind;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.testing.GoldenSql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The table, upsert and delete SQL each dialect emits for one target table, against reviewed golden files
 * ({@code src/test/resources/golden/<dialect>/}); rewrite them with {@code -Dgolden.update=true}.
 */
class DialectGoldenTest {

    static final List<String> DIALECTS = GoldenSql.DIALECTS;
    private static final TableId CUSTOMERS = TableId.of("customers");
    private static final List<String> KEY = List.of("id");
    private static final List<String> VALUES = List.of("name", "balance", "updated_at");
    private static final String VERSION = "__ctsync_version";

    @ParameterizedTest
    @FieldSource("DIALECTS")
    void createTable(String name) {
        Dialect dialect = Dialects.create(name, null, Map.of());
        List<ColumnSpec> columns = List.of(
                new ColumnSpec("id", FieldType.of(Kind.INT32), false),
                new ColumnSpec("name", FieldType.string(40), true),
                new ColumnSpec("balance", FieldType.decimal(12, 2), true),
                new ColumnSpec("updated_at", FieldType.temporal(Kind.TIMESTAMP_TZ, 6), true),
                new ColumnSpec(VERSION, FieldType.of(Kind.INT64), true));
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("a table the sink creates: the record key as primary key, the version column last",
                dialect.createTable(CUSTOMERS, columns, KEY));
        sql.put("a column added to it (schema.evolution=basic): always nullable",
                dialect.addColumn(CUSTOMERS, new ColumnSpec("note", FieldType.string(FieldType.UNKNOWN), true)));
        GoldenSql.assertMatches(name, "create-table", sql);
    }

    @ParameterizedTest
    @FieldSource("DIALECTS")
    void upsertWithoutGate(String name) {
        Dialect dialect = Dialects.create(name, null, Map.of());
        GoldenSql.assertMatches(name, "upsert", Map.of("upsert of a table without a version column (ungated, or gated "
                + "by the state table): parameters id, name, balance, updated_at", dialect.upsert(CUSTOMERS, KEY, VALUES, null)));
    }

    @ParameterizedTest
    @FieldSource("DIALECTS")
    void upsertGatedByTheVersionColumn(String name) {
        Dialect dialect = Dialects.create(name, null, Map.of());
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("upsert gated by the version column: the row changes only when its stored version is null, the new one "
                + "is null, or the stored one is lower; parameters id, name, balance, updated_at, version",
                dialect.upsert(CUSTOMERS, KEY, VALUES, VERSION));
        int perStatement = dialect.upsertRowsPerStatement(KEY.size() + VALUES.size() + 1);
        if (perStatement > 1) {
            sql.put("the same for two rows in one statement (this dialect carries up to " + perStatement + " rows of "
                    + "this table a statement)", dialect.upsert(CUSTOMERS, KEY, VALUES, VERSION, 2));
        }
        sql.put("update of the changed columns only (merge-changed-columns): parameters name, version, id, version",
                dialect.update(CUSTOMERS, KEY, List.of("name"), VERSION));
        GoldenSql.assertMatches(name, "upsert-gated", sql);
    }

    @ParameterizedTest
    @FieldSource("DIALECTS")
    void delete(String name) {
        Dialect dialect = Dialects.create(name, null, Map.of());
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("delete by key (no version column): parameter id", dialect.delete(CUSTOMERS, KEY, null));
        sql.put("delete gated by the version column: only when the stored version is null or lower; parameters id, "
                + "version", dialect.delete(CUSTOMERS, KEY, VERSION));
        GoldenSql.assertMatches(name, "delete", sql);
    }
}
