package io.ctsync.it.e2e;

import io.ctsync.source.ctmodel.ModelColumn;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Random values SQL Server could hold in a column of each captured type (datetime in 1/300 s steps, smalldatetime in
 * minutes, binary(n) padded to n bytes, char(n) to n characters), as the model stores them: the Java types
 * mssql-jdbc returns.
 */
final class RandomValues {

    private static final String ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,;:'\"<>&%/\\";
    private static final String UNICODE = ASCII + "äöüßéñçÆøЖжΩλ中文字€→✓😀";
    private static final long DAY_1900 = LocalDate.of(1900, 1, 1).toEpochDay();
    private static final long DAY_2078 = LocalDate.of(2078, 12, 31).toEpochDay();

    private final Random random;

    RandomValues(Random random) {
        this.random = random;
    }

    /** A value for a non-key column: one in ten is NULL when the column allows it. */
    Object valueOrNull(ModelColumn column) {
        return column.nullable() && random.nextInt(10) == 0 ? null : value(column);
    }

    Object value(ModelColumn column) {
        int size = column.maxLength() > 0 ? column.maxLength() : column.scale();
        return switch (column.typeName().toLowerCase(Locale.ROOT)) {
            case "bit" -> random.nextBoolean();
            case "tinyint" -> random.nextInt(256);
            case "smallint" -> random.nextInt(65_536) - 32_768;
            case "int" -> random.nextInt();
            case "bigint" -> random.nextLong();
            case "real" -> (random.nextFloat() - 0.5f) * (float) Math.pow(10, random.nextInt(12));
            case "float" -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30));
            case "decimal", "numeric" -> decimal(column.precision(), column.scale());
            case "money" -> decimal(18, 4);
            case "smallmoney" -> new BigDecimal(BigInteger.valueOf(random.nextInt(2_000_000_000) - 1_000_000_000L), 4);
            case "char" -> text(ASCII, size, size);
            case "nchar" -> text(UNICODE, size, size);
            case "varchar" -> text(ASCII, 0, size);
            case "nvarchar" -> text(UNICODE, 0, size);
            case "text" -> text(ASCII, 0, 400);
            case "ntext" -> text(UNICODE, 0, 400);
            case "xml" -> "<r n=\"" + random.nextInt(1000) + "\">" + text("abcdefgh ", 0, 30).trim() + "</r>";
            case "uniqueidentifier" -> new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase(Locale.ROOT);
            case "date" -> LocalDate.ofEpochDay(DAY_1900 + (long) (random.nextDouble() * (DAY_2078 - DAY_1900)));
            case "time" -> LocalTime.ofNanoOfDay(truncate((long) (random.nextDouble() * 86_400e9), size));
            case "datetime2" -> LocalDateTime.of(date(), LocalTime.ofNanoOfDay(truncate((long) (random.nextDouble() * 86_400e9), size)));
            // datetime: 1/300 s, so milliseconds end in 0, 3 or 7.
            case "datetime" -> LocalDateTime.of(date(), LocalTime.ofSecondOfDay(random.nextInt(86_400))
                    .plusNanos((random.nextInt(100) * 10L + new int[] {0, 3, 7}[random.nextInt(3)]) * 1_000_000L));
            case "smalldatetime" -> LocalDateTime.of(date(), LocalTime.ofSecondOfDay(random.nextInt(1_440) * 60L));
            case "datetimeoffset" -> OffsetDateTime.of(LocalDateTime.of(date(),
                            LocalTime.ofNanoOfDay(truncate((long) (random.nextDouble() * 86_400e9), size))),
                    ZoneOffset.ofTotalSeconds((random.nextInt(113) - 56) * 900));
            case "binary" -> bytes(size, size);
            case "varbinary" -> bytes(0, size);
            case "image" -> bytes(0, 300);
            default -> throw new IllegalArgumentException("No random values for type " + column.typeName());
        };
    }

    private LocalDate date() {
        return LocalDate.ofEpochDay(DAY_1900 + (long) (random.nextDouble() * (DAY_2078 - DAY_1900)));
    }

    private BigDecimal decimal(int precision, int scale) {
        BigInteger bound = BigInteger.TEN.pow(precision);
        BigInteger unscaled = new BigInteger(bound.bitLength() + 8, random).mod(bound);
        return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), scale);
    }

    private static long truncate(long nanos, int fractionalDigits) {
        long unit = (long) Math.pow(10, 9 - fractionalDigits);
        return nanos / unit * unit;
    }

    /** Text of {@code min} to {@code max} UTF-16 units, as SQL Server counts a column's length. */
    String text(String alphabet, int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder out = new StringBuilder(length);
        int[] points = alphabet.codePoints().toArray();
        while (out.length() < length) {
            int point = points[random.nextInt(points.length)];
            out.appendCodePoint(out.length() + Character.charCount(point) > length ? 'x' : point);
        }
        return out.toString();
    }

    private byte[] bytes(int min, int max) {
        byte[] bytes = new byte[min + random.nextInt(max - min + 1)];
        random.nextBytes(bytes);
        return bytes;
    }
}
