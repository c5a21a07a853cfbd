package io.ctsync.sink.offset;

import io.ctsync.sink.dialect.Dialects;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.testing.GoldenSql;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The offsets table's SQL per dialect against reviewed golden files; rewrite them with {@code -Dgolden.update=true}. */
class OffsetStoreGoldenTest {

    static final List<String> DIALECTS = GoldenSql.DIALECTS;

    @ParameterizedTest
    @FieldSource("DIALECTS")
    void offsetsTableStatements(String name) {
        Iterator<String> statements = new OffsetStore(Dialects.create(name, null, Map.of()),
                TableId.of("ctsync_sink_offsets"), "ctsync-jdbc-sink").statements().iterator();
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("the offsets table (sync.offsets.table): per connector, topic and partition the next offset to apply",
                statements.next());
        sql.put("a partition's stored offset, read when the task gets it: parameters connector_name, topic, "
                + "kafka_partition", statements.next());
        sql.put("a partition's first offset, in the batch's transaction (a duplicate key: another task was first, fenced): "
                + "parameters connector_name, topic, kafka_partition, next_offset, updated_ms", statements.next());
        sql.put("compare-and-set of the offset, in the batch's transaction (no row updated: fenced): parameters "
                + "next_offset, updated_ms, connector_name, topic, kafka_partition, the offset read before",
                statements.next());
        GoldenSql.assertMatches(name, "offsets-table", sql);
    }
}
