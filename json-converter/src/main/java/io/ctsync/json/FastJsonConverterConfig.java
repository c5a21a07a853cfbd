package io.ctsync.json;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.connect.storage.ConverterConfig;

/**
 * Options of {@link FastJsonConverter}: the same names, types and defaults as Kafka's {@code JsonConverterConfig}
 * (4.2), so a converter configuration can switch class and keep every other line.
 */
public final class FastJsonConverterConfig extends ConverterConfig {

    public static final String SCHEMAS_ENABLE_CONFIG = "schemas.enable";
    public static final boolean SCHEMAS_ENABLE_DEFAULT = true;
    public static final String SCHEMAS_ENABLE_DOC = "Include schemas within each of the serialized values and keys "
            + "(the {\"schema\": ..., \"payload\": ...} envelope).";
    private static final String SCHEMAS_ENABLE_DISPLAY = "Enable Schemas";

    public static final String SCHEMA_CONTENT_CONFIG = "schema.content";
    public static final String SCHEMA_CONTENT_DEFAULT = null;
    public static final String SCHEMA_CONTENT_DOC = "When set (a schema in JsonConverter's JSON schema form), this "
            + "schema is used for every message read, and each message is the payload alone, without an envelope. "
            + "Applies only with schemas.enable=true and only to reading (sink side).";
    private static final String SCHEMA_CONTENT_DISPLAY = "Schema Content";

    public static final String SCHEMAS_CACHE_SIZE_CONFIG = "schemas.cache.size";
    public static final int SCHEMAS_CACHE_SIZE_DEFAULT = 1000;
    public static final String SCHEMAS_CACHE_SIZE_DOC = "The maximum number of schemas kept in each of this converter "
            + "instance's caches (schemas read, by their bytes; schemas written, by schema).";
    private static final String SCHEMAS_CACHE_SIZE_DISPLAY = "Schema Cache Size";

    public static final String DECIMAL_FORMAT_CONFIG = "decimal.format";
    public static final String DECIMAL_FORMAT_DEFAULT = DecimalEncoding.BASE64.name();
    public static final String DECIMAL_FORMAT_DOC = "How this converter writes decimals: 'BASE64' (default, the "
            + "unscaled value's bytes) or 'NUMERIC' (a JSON number); case insensitive. Reading accepts both.";
    private static final String DECIMAL_FORMAT_DISPLAY = "Decimal Format";

    public static final String REPLACE_NULL_WITH_DEFAULT_CONFIG = "replace.null.with.default";
    public static final boolean REPLACE_NULL_WITH_DEFAULT_DEFAULT = true;
    public static final String REPLACE_NULL_WITH_DEFAULT_DOC = "Whether a null field that has a default value is "
            + "replaced by the default (true) or kept null (false), when reading and when writing.";
    private static final String REPLACE_NULL_WITH_DEFAULT_DISPLAY = "Replace null with default";

    private static final ConfigDef CONFIG = define();

    private final boolean schemasEnabled;
    private final int schemaCacheSize;
    private final DecimalEncoding decimalEncoding;
    private final boolean replaceNullWithDefault;
    private final byte[] schemaContent;

    public FastJsonConverterConfig(Map<String, ?> props) {
        super(CONFIG, props);
        schemasEnabled = getBoolean(SCHEMAS_ENABLE_CONFIG);
        schemaCacheSize = getInt(SCHEMAS_CACHE_SIZE_CONFIG);
        decimalEncoding = DecimalEncoding.valueOf(getString(DECIMAL_FORMAT_CONFIG).toUpperCase(Locale.ROOT));
        replaceNullWithDefault = getBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
        String content = getString(SCHEMA_CONTENT_CONFIG);
        schemaContent = content == null || content.isEmpty() ? null : content.getBytes(StandardCharsets.UTF_8);
    }

    public static ConfigDef configDef() {
        return CONFIG;
    }

    private static ConfigDef define() {
        ConfigDef def = ConverterConfig.newConfigDef();
        String group = "Schemas";
        int order = 0;
        def.define(SCHEMAS_ENABLE_CONFIG, Type.BOOLEAN, SCHEMAS_ENABLE_DEFAULT, Importance.HIGH, SCHEMAS_ENABLE_DOC,
                group, ++order, Width.MEDIUM, SCHEMAS_ENABLE_DISPLAY);
        def.define(SCHEMA_CONTENT_CONFIG, Type.STRING, SCHEMA_CONTENT_DEFAULT, Importance.HIGH, SCHEMA_CONTENT_DOC,
                group, ++order, Width.MEDIUM, SCHEMA_CONTENT_DISPLAY);
        def.define(SCHEMAS_CACHE_SIZE_CONFIG, Type.INT, SCHEMAS_CACHE_SIZE_DEFAULT, ConfigDef.Range.atLeast(0),
                Importance.HIGH, SCHEMAS_CACHE_SIZE_DOC, group, ++order, Width.MEDIUM, SCHEMAS_CACHE_SIZE_DISPLAY);
        group = "Serialization";
        order = 0;
        def.define(DECIMAL_FORMAT_CONFIG, Type.STRING, DECIMAL_FORMAT_DEFAULT,
                ConfigDef.CaseInsensitiveValidString.in(DecimalEncoding.BASE64.name(), DecimalEncoding.NUMERIC.name()),
                Importance.LOW, DECIMAL_FORMAT_DOC, group, ++order, Width.MEDIUM, DECIMAL_FORMAT_DISPLAY);
        def.define(REPLACE_NULL_WITH_DEFAULT_CONFIG, Type.BOOLEAN, REPLACE_NULL_WITH_DEFAULT_DEFAULT, Importance.LOW,
                REPLACE_NULL_WITH_DEFAULT_DOC, group, ++order, Width.MEDIUM, REPLACE_NULL_WITH_DEFAULT_DISPLAY);
        return def;
    }

    public boolean schemasEnabled() {
        return schemasEnabled;
    }

    public int schemaCacheSize() {
        return schemaCacheSize;
    }

    public DecimalEncoding decimalEncoding() {
        return decimalEncoding;
    }

    public boolean replaceNullWithDefault() {
        return replaceNullWithDefault;
    }

    /** The fixed reading schema's JSON bytes, or null when every message carries its own. */
    public byte[] schemaContent() {
        return schemaContent == null ? null : schemaContent.clone();
    }
}
