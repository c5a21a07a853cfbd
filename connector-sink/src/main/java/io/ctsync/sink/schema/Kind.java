package io.ctsync.sink.schema;

import java.sql.Types;

/** What a column holds, independent of any database: the sink maps each kind to one SQL type per dialect. */
public enum Kind {
    BOOLEAN(Types.BOOLEAN),
    INT8(Types.SMALLINT),
    INT16(Types.SMALLINT),
    INT32(Types.INTEGER),
    INT64(Types.BIGINT),
    FLOAT32(Types.REAL),
    FLOAT64(Types.DOUBLE),
    /** Fixed scale ({@link FieldType#scale()}) or, when the scale is {@link FieldType#VARIABLE}, any scale. */
    DECIMAL(Types.NUMERIC),
    STRING(Types.VARCHAR),
    BYTES(Types.VARBINARY),
    DATE(Types.DATE),
    /** Time of day without zone; {@link FieldType#precision()} = fractional second digits (3, 6 or 9). */
    TIME(Types.TIME),
    /** Date and time without zone (UTC by Connect's and Debezium's conventions), with fractional precision. */
    TIMESTAMP(Types.TIMESTAMP),
    /** An instant with its offset (Debezium {@code ZonedTimestamp}). */
    TIMESTAMP_TZ(Types.TIMESTAMP_WITH_TIMEZONE),
    /** A time of day with its offset (Debezium {@code ZonedTime}). */
    TIME_TZ(Types.TIME_WITH_TIMEZONE),
    UUID(Types.OTHER),
    JSON(Types.OTHER),
    XML(Types.SQLXML);

    private final int jdbcType;

    Kind(int jdbcType) {
        this.jdbcType = jdbcType;
    }

    /** The {@link Types} code to bind a null of this kind with. */
    public int jdbcType() {
        return jdbcType;
    }
}
