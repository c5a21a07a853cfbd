package io.ctsync.contract.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validators that attach a precise error to the option they check (shown by Connect's validate endpoint). */
public final class Validators {

    private Validators() {
    }

    public static ConfigDef.Validator jdbcUrl() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null || !((String) value).startsWith("jdbc:")) {
                    throw new ConfigException(name, value, "must be a JDBC URL starting with 'jdbc:'");
                }
            }

            @Override
            public String toString() {
                return "a JDBC URL (jdbc:...)";
            }
        };
    }

    /** A comma-separated list of Java regular expressions; each must compile. */
    public static ConfigDef.Validator regexList() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null) {
                    return;
                }
                for (Object item : (List<?>) value) {
                    try {
                        Pattern.compile(String.valueOf(item));
                    } catch (PatternSyntaxException e) {
                        throw new ConfigException(name, item, "is not a valid regular expression: " + e.getDescription());
                    }
                }
            }

            @Override
            public String toString() {
                return "comma-separated regular expressions";
            }
        };
    }

    /** Hexadecimal bytes, with or without a {@code 0x} prefix; empty means none. */
    public static ConfigDef.Validator hexBytes(int maxBytes) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = value == null ? "" : ((String) value).trim();
                String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
                if (!digits.matches("([0-9a-fA-F]{2})*")) {
                    throw new ConfigException(name, value, "must be hexadecimal bytes (an even number of 0-9a-f digits, "
                            + "optionally prefixed with 0x)");
                }
                if (digits.length() / 2 > maxBytes) {
                    throw new ConfigException(name, value, "must be at most " + maxBytes + " bytes");
                }
            }

            @Override
            public String toString() {
                return "hex bytes, at most " + maxBytes;
            }
        };
    }
}
