package io.ctsync.sink.park;

import io.ctsync.sink.dialect.Dialects;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.testing.GoldenSql;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The parked table's SQL per dialect against reviewed golden files; rewrite them with {@code -Dgolden.update=true}. */
class ParkedStoreGoldenTest {

    static final List<String> DIALECTS = GoldenSql.DIALECTS;

    @ParameterizedTest
    @FieldSource("DIALECTS")
    void parkedTableStatements(String name) {
        Iterator<String> statements = new ParkedStore(Dialects.create(name, null, Map.of()),
                TableId.of("ctsync_sink_parked"), "ctsync-jdbc-sink").statements().iterator();
        Map<String, String> sql = new LinkedHashMap<>();
        sql.put("the parked table (fk.parked.table): records a foreign key refused, until their parent comes",
                statements.next());
        sql.put("a record parked, in the batch's transaction", statements.next());
        sql.put("the parked records of a partition, read when the task gets it: parameters connector_name, topic, "
                + "kafka_partition", statements.next());
        sql.put("a parked record released (applied or dead-lettered): parameters connector_name, topic, kafka_partition, "
                + "kafka_offset", statements.next());
        GoldenSql.assertMatches(name, "parked-table", sql);
    }
}
