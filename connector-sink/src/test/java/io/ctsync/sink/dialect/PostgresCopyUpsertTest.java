package io.ctsync.sink.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.Kind;
import io.ctsync.sink.schema.TableId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** PostgreSQL's staged upsert: the COPY text it writes and the statements around it (against the server: the IT). */
class PostgresCopyUpsertTest {

    private final StagedUpsert copy = Dialects.create("postgresql", null, Map.of()).stagedUpsert().orElseThrow();

    @Test
    void isOnByDefaultAndCanBeSwitchedOff() {
        assertThat(Dialects.create("postgresql", null, Map.of(PostgresDialect.COPY_UPSERTS, "false")).stagedUpsert()).isEmpty();
        assertThat(Dialects.create("mariadb", null, Map.of()).stagedUpsert()).isEmpty();
    }

    @Test
    void textEscapesCopysOwnSyntax() {
        assertThat(text(FieldType.string(-1), "a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e");
        assertThat(text(FieldType.string(-1), "\\N")).isEqualTo("\\\\N");
        assertThat(text(FieldType.string(-1), null)).isEqualTo("\\N");
        assertThat(text(FieldType.string(-1), "")).isEmpty();
    }

    @Test
    void valuesInTheFormsTheServerReadsBack() {
        assertThat(text(FieldType.of(Kind.BYTES), new byte[] {0, 15, (byte) 0xAB})).isEqualTo("\\\\x000fab");
        assertThat(text(FieldType.of(Kind.BOOLEAN), true)).isEqualTo("t");
        assertThat(text(FieldType.decimal(30, 2), new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(text(FieldType.of(Kind.FLOAT64), Double.NaN)).isEqualTo("NaN");
        assertThat(text(FieldType.of(Kind.INT16), (short) -7)).isEqualTo("-7");
        assertThat(text(FieldType.of(Kind.DATE), LocalDate.of(2024, 2, 29))).isEqualTo("2024-02-29");
        // Rounded to the microsecond half up, as the driver rounds a bound LocalDateTime.
        assertThat(text(FieldType.temporal(Kind.TIMESTAMP, 9), LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_500)))
                .isEqualTo("2024-01-01T00:00:00.000002");
        assertThat(text(FieldType.temporal(Kind.TIMESTAMP, 9), LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_499)))
                .isEqualTo("2024-01-01T00:00:00.000001");
    }

    @Test
    void valuesWhoseTextCouldDifferFromABoundParameterAreNotStaged() {
        assertThat(copy.appendValue(new StringBuilder(), FieldType.of(Kind.DATE), LocalDate.of(10_000, 1, 1))).isFalse();
        assertThat(copy.appendValue(new StringBuilder(), FieldType.of(Kind.DATE), LocalDate.of(-5, 1, 1))).isFalse();
        assertThat(copy.appendValue(new StringBuilder(), FieldType.temporal(Kind.TIME, 3), LocalTime.NOON)).isFalse();
        assertThat(copy.appendValue(new StringBuilder(), FieldType.of(Kind.UUID), UUID.randomUUID())).isFalse();
        assertThat(copy.appendValue(new StringBuilder(), FieldType.of(Kind.JSON), "{}")).isFalse();
    }

    @Test
    void stagingTableHasBaseTypesAndTheUpsertGatesLikeTheRowStatement() {
        assertThat(copy.createStaging("ctsync_stage_1", List.of("id", "amount", "v"),
                List.of(FieldType.of(Kind.INT32), FieldType.decimal(12, 2), FieldType.of(Kind.INT64))))
                .isEqualTo("CREATE TEMPORARY TABLE IF NOT EXISTS \"ctsync_stage_1\" (\"id\" integer, \"amount\" numeric, "
                        + "\"v\" bigint) ON COMMIT DELETE ROWS");
        assertThat(copy.upsertFromStaging(TableId.of("t"), "ctsync_stage_1", List.of("id"), List.of("a"), "v"))
                .isEqualTo("INSERT INTO \"t\" AS t (\"id\", \"a\", \"v\") SELECT \"id\", \"a\", \"v\" FROM "
                        + "pg_temp.\"ctsync_stage_1\" ON CONFLICT (\"id\") DO UPDATE SET \"a\" = EXCLUDED.\"a\", "
                        + "\"v\" = EXCLUDED.\"v\" WHERE t.\"v\" IS NULL OR EXCLUDED.\"v\" IS NULL OR t.\"v\" < EXCLUDED.\"v\"");
    }

    private String text(FieldType type, Object value) {
        StringBuilder out = new StringBuilder();
        assertThat(copy.appendValue(out, type, value)).isTrue();
        return out.toString();
    }
}
