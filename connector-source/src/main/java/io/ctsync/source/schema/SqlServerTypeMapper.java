package io.ctsync.source.schema;

import io.ctsync.source.config.BinaryHandlingMode;
import io.ctsync.source.config.DecimalHandlingMode;
import io.ctsync.source.config.TimePrecisionMode;
import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.TableId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * SQL Server column types to Connect schemas and values, following the mapping of Debezium's SQL Server connector
 * (its documented data-type table, with {@code decimal.handling.mode}, {@code time.precision.mode} and
 * {@code binary.handling.mode}). {@code SqlServerTypeMapperDebeziumParityTest} checks it against Debezium's own
 * {@code SqlServerValueConverters}.
 */
public final class SqlServerTypeMapper {

    static final String XML = "io.debezium.data.Xml";
    static final String DECIMAL_PRECISION = "connect.decimal.precision";

    private final DecimalHandlingMode decimalMode;
    private final TimePrecisionMode timeMode;
    private final BinaryHandlingMode binaryMode;

    public SqlServerTypeMapper(DecimalHandlingMode decimalMode, TimePrecisionMode timeMode, BinaryHandlingMode binaryMode) {
        this.decimalMode = decimalMode;
        this.timeMode = timeMode;
        this.binaryMode = binaryMode;
    }

    /** The mapping of one column; an unsupported type fails with a message naming table and column. */
    public ColumnMapping map(TableId table, Column column) {
        String type = column.typeName().toLowerCase(Locale.ROOT);
        boolean adaptive = timeMode == TimePrecisionMode.ADAPTIVE;
        switch (type) {
            case "bit":
                return new ColumnMapping(Schema.BOOLEAN_SCHEMA, v -> v instanceof Number n ? n.intValue() != 0 : v);
            case "tinyint":
            case "smallint":
                return new ColumnMapping(Schema.INT16_SCHEMA, v -> ((Number) v).shortValue());
            case "int":
                return new ColumnMapping(Schema.INT32_SCHEMA, v -> ((Number) v).intValue());
            case "bigint":
                return new ColumnMapping(Schema.INT64_SCHEMA, v -> ((Number) v).longValue());
            case "real":
                return new ColumnMapping(Schema.FLOAT32_SCHEMA, v -> ((Number) v).floatValue());
            case "float":
                return new ColumnMapping(Schema.FLOAT64_SCHEMA, v -> ((Number) v).doubleValue());
            case "decimal":
            case "numeric":
                return decimal(column.precision(), column.scale());
            case "money":
                return decimal(19, 4);
            case "smallmoney":
                return decimal(10, 4);
            case "char": case "varchar": case "text": case "nchar": case "nvarchar": case "ntext":
            case "uniqueidentifier":
                return new ColumnMapping(Schema.STRING_SCHEMA, Object::toString);
            case "xml":
                return new ColumnMapping(SchemaBuilder.string().name(XML).version(1).build(), Object::toString);
            case "date":
                return adaptive ? TemporalConverters.adaptiveDate() : TemporalConverters.connectDate();
            case "time":
                return adaptive ? TemporalConverters.adaptiveTime(column.scale()) : TemporalConverters.connectTime();
            case "datetime2":
                return adaptive ? TemporalConverters.adaptiveTimestamp(column.scale()) : TemporalConverters.connectTimestamp();
            case "datetime":
            case "smalldatetime":
                return adaptive ? TemporalConverters.adaptiveTimestamp(3) : TemporalConverters.connectTimestamp();
            case "datetimeoffset":
                return TemporalConverters.zonedTimestamp();
            case "binary": case "varbinary": case "image": case "timestamp": case "rowversion":
                return binary();
            case "sql_variant":
                throw unsupported(table, column, "sql_variant holds values of varying types, which no event schema can "
                        + "describe; exclude the column with column.exclude.list or CAST it in a computed column");
            default:
                throw unsupported(table, column, "the type has no Kafka Connect representation in this connector "
                        + "(spatial, hierarchyid and CLR types are not supported); exclude the column with column.exclude.list");
        }
    }

    private ColumnMapping decimal(int precision, int scale) {
        switch (decimalMode) {
            case DOUBLE:
                return new ColumnMapping(Schema.FLOAT64_SCHEMA, v -> ((BigDecimal) v).doubleValue());
            case STRING:
                return new ColumnMapping(Schema.STRING_SCHEMA, v -> ((BigDecimal) v).toPlainString());
            default:
                Schema schema = Decimal.builder(scale).parameter(DECIMAL_PRECISION, Integer.toString(precision)).build();
                return new ColumnMapping(schema, v -> ((BigDecimal) v).setScale(scale, RoundingMode.UNNECESSARY));
        }
    }

    private ColumnMapping binary() {
        switch (binaryMode) {
            case BASE64:
                return new ColumnMapping(Schema.STRING_SCHEMA, v -> Base64.getEncoder().encodeToString((byte[]) v));
            case BASE64_URL_SAFE:
                return new ColumnMapping(Schema.STRING_SCHEMA, v -> Base64.getUrlEncoder().encodeToString((byte[]) v));
            case HEX:
                return new ColumnMapping(Schema.STRING_SCHEMA, v -> HexFormat.of().formatHex((byte[]) v));
            default:
                return new ColumnMapping(Schema.BYTES_SCHEMA, v -> v);
        }
    }

    private static UnsupportedColumnTypeException unsupported(TableId table, Column column, String why) {
        return new UnsupportedColumnTypeException("Column " + column.name() + " of table " + table.qualified()
                + " has type " + column.typeName() + ", which the connector cannot capture: " + why);
    }
}
