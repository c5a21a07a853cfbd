package io.ctsync.sink.park;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.junit.jupiter.api.Test;

/** A parked record reads back from its text form as the sink first saw it: schema names, parameters, logical types. */
class ParkedRecordCodecTest {

    @Test
    void valuesAndHeadersRoundTripWithTheirSchemas() {
        Schema row = SchemaBuilder.struct().name("erp.sales.dbo.orders.Value").optional()
                .field("id", Schema.INT32_SCHEMA)
                .field("total", Decimal.builder(2).parameter("connect.decimal.precision", "12").optional().build())
                .field("at", Timestamp.builder().optional().build())
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Struct value = new Struct(row).put("id", 7).put("total", new BigDecimal("12.30")).put("at", new Date(1_700_000_000_123L))
                .put("note", null);
        ParkedRecordCodec codec = new ParkedRecordCodec();

        SchemaAndValue back = codec.decode("t", codec.encode("t", row, value));
        assertThat(back.schema()).isEqualTo(row);
        assertThat(back.value()).isEqualTo(value);

        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("trace", "abc");
        headers.addInt("hop", 3);
        ConnectHeaders decoded = codec.decodeHeaders("t", codec.encodeHeaders("t", headers));
        assertThat(decoded.lastWithName("trace").value()).isEqualTo("abc");
        assertThat(decoded.lastWithName("hop").value()).isEqualTo(3);
        assertThat(codec.encodeHeaders("t", new ConnectHeaders())).isNull();
    }
}
