package io.ctsync.sink.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts the lower-case names of an enum's constants, with {@code -} for {@code _} ({@code MERGE_CHANGED_COLUMNS} is
 * {@code merge-changed-columns}), and lists them in the option docs.
 */
final class EnumValidator implements ConfigDef.Validator {

    private final Class<? extends Enum<?>> type;

    private EnumValidator(Class<? extends Enum<?>> type) {
        this.type = type;
    }

    static EnumValidator of(Class<? extends Enum<?>> type) {
        return new EnumValidator(type);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        return Enum.valueOf(type, constantName(value));
    }

    /** The option value of a constant. */
    static String optionValue(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String constantName(Object value) {
        return value == null ? "" : value.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public void ensureValid(String name, Object value) {
        String text = constantName(value);
        boolean known = Arrays.stream(type.getEnumConstants()).anyMatch(c -> c.name().equals(text));
        if (!known) {
            throw new ConfigException(name, value, "must be one of " + this);
        }
    }

    @Override
    public String toString() {
        return Arrays.stream(type.getEnumConstants()).map(EnumValidator::optionValue).collect(Collectors.joining(", "));
    }
}
