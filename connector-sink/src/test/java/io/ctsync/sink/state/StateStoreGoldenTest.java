package io.ctsync.sink.state;

import io.ctsync.sink.dialect.Dialects;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.testing.GoldenSql;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The state table's SQL per dialect against reviewed golden files; rewrite them with {@code -Dgolden.update=true}. */
class StateStoreGoldenTest {

    static final List<String> DIALECTS = GoldenSql.DIALECTS;

    @ParameterizedTest
    @FieldSource("DIALECTS")
    void stateTableStatements(String name) {
        Iterator<String> statements = new StateStore(Dialects.create(name, null, Map.of()), TableId.of("ctsync_sink_state"))
                .statements().iterator();
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("the state table (sync.state.table): per target row its applied version, delete tombstone and column "
                + "hashes; the row key first in the primary key", statements.next());
        sql.put("the hashes column added to a state table of an earlier version", statements.next());
        sql.put("keyed read of one row's state: parameters table_name, row_key (where the dialect binds row keys as one "
                + "array, the same statement serves every count)", statements.next());
        sql.put("keyed read of up to 16 rows' states (short lists padded with their last key; 128 and 512 alike): "
                + "parameters table_name, then the row keys (or one array of them)", statements.next());
        sql.put("state written with the batch, gated by version: parameters table_name, row_key, deleted, updated_ms, "
                + "row_hashes, version", statements.next());
        sql.put("does a target table have any state: parameter table_name", statements.next());
        sql.put("purge of old delete tombstones: parameters table_name, deleted (true), updated_ms cut-off",
                statements.next());
        GoldenSql.assertMatches(name, "state-table", sql);
    }
}
