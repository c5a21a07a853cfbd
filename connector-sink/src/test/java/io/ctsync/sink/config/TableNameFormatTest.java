package io.ctsync.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.sink.schema.TableId;
import org.junit.jupiter.api.Test;

class TableNameFormatTest {

    @Test
    void substitutedDotsBecomeUnderscoresAndALiteralDotSeparatesTheSchema() {
        assertThat(TableNameFormat.parse("${topic}").resolve("erp.sales.dbo.customers", null, null, null))
                .isEqualTo(TableId.of("erp_sales_dbo_customers"));
        assertThat(TableNameFormat.parse("analytics.${source.table}").resolve("t", "sales", "dbo", "customers"))
                .isEqualTo(new TableId("analytics", "customers"));
        assertThat(TableNameFormat.parse("${source.db}_${source.schema}.x_${source.table}").resolve("t", "sales", "dbo", "orders"))
                .isEqualTo(new TableId("sales_dbo", "x_orders"));
    }

    @Test
    void knowsWhetherItNeedsTheSourceBlock() {
        assertThat(TableNameFormat.parse("${topic}").usesSourceFields()).isFalse();
        assertThat(TableNameFormat.parse("${source.table}").usesSourceFields()).isTrue();
        assertThatThrownBy(() -> TableNameFormat.parse("${source.table}").resolve("t", null, null, null))
                .hasMessageContaining("needs ${source.table}");
    }

    @Test
    void refusesWhatCannotNameATable() {
        assertThatThrownBy(() -> TableNameFormat.parse("${tpoic}")).hasMessageContaining("unknown placeholder ${tpoic}");
        assertThatThrownBy(() -> TableNameFormat.parse("a.b.c")).hasMessageContaining("at most one");
        assertThatThrownBy(() -> TableNameFormat.parse(".x")).hasMessageContaining("empty");
        assertThatThrownBy(() -> TableNameFormat.parse("${topic")).hasMessageContaining("unclosed");
    }
}
