package io.ctsync.source.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.source.config.BinaryHandlingMode;
import io.ctsync.source.config.DecimalHandlingMode;
import io.ctsync.source.config.TimePrecisionMode;
import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.TableId;
import java.time.LocalTime;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Debezium parity does not show: rejected types and values Debezium's table documents by example. */
class SqlServerTypeMapperTest {

    private final SqlServerTypeMapper mapper = new SqlServerTypeMapper(DecimalHandlingMode.PRECISE,
            TimePrecisionMode.ADAPTIVE, BinaryHandlingMode.BYTES);

    @Test
    void sqlVariantIsRejectedNamingTableAndColumn() {
        assertThatThrownBy(() -> mapper.map(new TableId("sales", "orders"), new Column("extra", 4, "sql_variant", 8016, 0, 0,
                true, 0))).isInstanceOf(UnsupportedColumnTypeException.class)
                .hasMessageContaining("Column extra of table sales.orders has type sql_variant")
                .hasMessageContaining("column.exclude.list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hierarchyid", "geometry", "geography", "MyClrPoint"})
    void clrTypesAreRejectedNamingTheirTypeNotFailingOnIt(String type) {
        assertThatThrownBy(() -> mapper.map(new TableId("dbo", "places"), new Column("shape", 2, type, -1, 0, 0, true, 0)))
                .isInstanceOf(UnsupportedColumnTypeException.class)
                .hasMessageContaining("Column shape of table dbo.places has type " + type)
                .hasMessageContaining("column.exclude.list");
    }

    @Test
    void spatialTypesAreRejectedClearly() {
        assertThatThrownBy(() -> mapper.map(new TableId("dbo", "places"), new Column("geo", 2, "geography", -1, 0, 0, true, 0)))
                .hasMessageContaining("Column geo of table dbo.places has type geography");
    }

    @Test
    void timeOfSevenDigitsKeepsItsHundredNanoseconds() {
        ColumnMapping time7 = mapper.map(new TableId("dbo", "t"), new Column("t", 1, "time", 5, 16, 7, false, 0));
        assertThat(time7.schema().name()).isEqualTo("io.debezium.time.NanoTime");
        assertThat(time7.schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(time7.converter().convert(LocalTime.of(0, 0, 1, 100))).isEqualTo(1_000_000_100L);
    }
}
