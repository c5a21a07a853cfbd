package io.ctsync.bench.source;

import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TableMetadata;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A table with a column of every SQL Server type the source supports, and its rows as the T-SQL layer hands them
 * over (plain Java values, as mssql-jdbc returns them). Rows are made from a pool of pre-built templates with the
 * key set, so producing a row costs one array copy and the benchmark measures the connector, not the generator.
 */
final class WideTable {

    static final TableId ID = new TableId("dbo", "wide");
    private static final int TEMPLATES = 256;

    /** name, type, max_length, precision, scale. */
    private static final Object[][] COLUMNS = {
        {"id", "bigint", 8, 19, 0},
        {"c_bit", "bit", 1, 1, 0},
        {"c_tinyint", "tinyint", 1, 3, 0},
        {"c_smallint", "smallint", 2, 5, 0},
        {"c_int", "int", 4, 10, 0},
        {"c_bigint", "bigint", 8, 19, 0},
        {"c_real", "real", 4, 24, 0},
        {"c_float", "float", 8, 53, 0},
        {"c_decimal", "decimal", 9, 18, 4},
        {"c_numeric", "numeric", 5, 10, 2},
        {"c_money", "money", 8, 19, 4},
        {"c_smallmoney", "smallmoney", 4, 10, 4},
        {"c_char", "char", 10, 0, 0},
        {"c_varchar", "varchar", 50, 0, 0},
        {"c_nchar", "nchar", 20, 0, 0},
        {"c_nvarchar", "nvarchar", 200, 0, 0},
        {"c_nvarchar_max", "nvarchar", -1, 0, 0},
        {"c_text", "text", 16, 0, 0},
        {"c_ntext", "ntext", 16, 0, 0},
        {"c_uniqueidentifier", "uniqueidentifier", 16, 0, 0},
        {"c_xml", "xml", -1, 0, 0},
        {"c_date", "date", 3, 10, 0},
        {"c_time", "time", 5, 16, 7},
        {"c_datetime", "datetime", 8, 23, 3},
        {"c_datetime2", "datetime2", 8, 27, 7},
        {"c_smalldatetime", "smalldatetime", 4, 16, 0},
        {"c_datetimeoffset", "datetimeoffset", 10, 34, 7},
        {"c_binary", "binary", 16, 0, 0},
        {"c_varbinary_max", "varbinary", -1, 0, 0},
        {"c_rowversion", "timestamp", 8, 0, 0},
    };

    private final TableMetadata metadata;
    private final Object[][] templates = new Object[TEMPLATES][];
    private final long approximateRowBytes;

    WideTable(int payloadChars) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < COLUMNS.length; i++) {
            Object[] c = COLUMNS[i];
            columns.add(new Column((String) c[0], i + 1, (String) c[1], (Integer) c[2], (Integer) c[3], (Integer) c[4],
                    i != 0, i == 0 ? 1 : 0));
        }
        metadata = new TableMetadata(ID, columns, true);
        SplittableRandom random = new SplittableRandom(7);
        for (int t = 0; t < TEMPLATES; t++) {
            templates[t] = template(random, payloadChars);
        }
        approximateRowBytes = 400L + 2L * payloadChars * 2;
    }

    TableMetadata metadata() {
        return metadata;
    }

    /** Roughly what a row weighs in memory (strings, arrays and boxed values), to state a table's size. */
    long approximateRowBytes() {
        return approximateRowBytes;
    }

    Object[] row(long id) {
        Object[] row = templates[(int) (id % TEMPLATES)].clone();
        row[0] = id;
        return row;
    }

    private static Object[] template(SplittableRandom random, int payloadChars) {
        String payload = text(random, payloadChars);
        byte[] blob = new byte[payloadChars];
        random.nextBytes(blob);
        byte[] sixteen = new byte[16];
        random.nextBytes(sixteen);
        byte[] rowversion = new byte[8];
        random.nextBytes(rowversion);
        LocalDateTime when = LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(random.nextLong(150_000_000L))
                .plusNanos(random.nextInt(1_000_000_000) / 100 * 100);
        return new Object[] {
            0L,
            random.nextBoolean(),
            (short) random.nextInt(256),
            (short) random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE),
            random.nextInt(),
            random.nextLong(),
            (float) random.nextDouble(),
            random.nextDouble(),
            BigDecimal.valueOf(random.nextLong(1_000_000_000_000L), 4),
            BigDecimal.valueOf(random.nextLong(100_000_000L), 2),
            BigDecimal.valueOf(random.nextLong(1_000_000_000_000L), 4),
            BigDecimal.valueOf(random.nextLong(100_000_000L), 4),
            text(random, 10),
            text(random, 40),
            text(random, 20),
            text(random, 120),
            payload,
            text(random, 200),
            text(random, 200),
            new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase(),
            "<order id=\"" + random.nextInt() + "\"><note>" + text(random, 60) + "</note></order>",
            LocalDate.ofEpochDay(random.nextInt(20_000)),
            LocalTime.ofNanoOfDay(random.nextLong(86_400_000_000_000L) / 100 * 100),
            when.withNano(when.getNano() / 1_000_000 * 1_000_000),
            when,
            when.withSecond(0).withNano(0),
            OffsetDateTime.of(when, ZoneOffset.ofHoursMinutes(random.nextInt(-12, 14), 0)),
            sixteen,
            blob,
            rowversion,
        };
    }

    private static String text(SplittableRandom random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }
}
