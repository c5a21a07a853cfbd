package io.ctsync.source.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.source.tracking.DatabaseTable;
import io.ctsync.source.tracking.TableId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DatabaseOptionsTest {

    private static SourceConnectorConfig config(String names, String includes) {
        Map<String, String> props = new HashMap<>(Map.of("connection.url", "jdbc:x", "topic.prefix", "p"));
        props.put(DatabaseOptions.DATABASE_NAMES, names);
        props.put(DatabaseOptions.DATABASE_INCLUDE_LIST, includes);
        return new SourceConnectorConfig(props);
    }

    @Test
    void withoutEitherOptionTheConnectorCapturesTheDatabaseOfItsUrlAlone() {
        assertThat(new DatabaseOptions(config("", "")).multiDatabase()).isFalse();
    }

    @Test
    void listedNamesComeFirstThenTheMatchingTrackedDatabasesInNameOrder() {
        DatabaseOptions options = new DatabaseOptions(config(" sales , hr", "company_.*"));
        assertThat(options.multiDatabase()).isTrue();
        assertThat(options.resolve(List.of("company_b", "master_ct", "company_a", "sales")))
                .containsExactly("sales", "hr", "company_a", "company_b");
        assertThat(options.unmatchedIncludes(List.of("sales"))).containsExactly("company_.*");
        assertThat(new DatabaseOptions(config("SALES", "s.*|S.*")).resolve(List.of("sales", "stock")))
                .as("one database once, whatever the case it is named in").containsExactly("SALES", "stock");
    }

    @Test
    void emptyAndRepeatedNamesAreRefusedByName() {
        assertThatThrownBy(() -> config("sales,,hr", "")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.names").hasMessageContaining("1 to 128 characters");
        assertThatThrownBy(() -> config("sales,hr,Sales", "")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lists database 'Sales' twice");
        assertThatThrownBy(() -> config("", "company_(")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("database.include.list");
    }

    @Test
    void taskTablesNameTheirDatabaseAndPairsStillMeanTheConnectionsDatabase() {
        Map<String, String> connector = Map.of("connection.url", "jdbc:x", "topic.prefix", "p");
        SourceTaskConfig multi = new SourceTaskConfig(SourceTaskConfig.forDatabaseTables(connector, List.of(
                new DatabaseTable("sales", new TableId("dbo", "orders")), new DatabaseTable("hr", new TableId("dbo", "orders")),
                new DatabaseTable("sales", new TableId("dbo", "lines")))));
        assertThat(multi.databaseTables()).containsOnlyKeys("sales", "hr");
        assertThat(multi.databaseTables().get("sales")).containsExactly(new TableId("dbo", "orders"), new TableId("dbo", "lines"));
        assertThat(multi.tables()).hasSize(3);

        SourceTaskConfig single = new SourceTaskConfig(SourceTaskConfig.forTables(connector, List.of(new TableId("dbo", "orders"))));
        assertThat(single.databaseTables()).containsOnlyKeys(SourceTaskConfig.CONNECTION_DATABASE);
        assertThatThrownBy(() -> SourceTaskConfig.decodeByDatabase("[[\"\",\"dbo\",\"t\"]]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[database, schema, table] triples");
    }
}
