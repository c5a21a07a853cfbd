package io.ctsync.contract.offset;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reading typed fields out of offset maps, with the precise complaints {@link InvalidOffsetException} carries. */
final class OffsetFields {

    private OffsetFields() {
    }

    static void rejectUnknown(String what, Map<String, ?> map, Collection<String> allowed) {
        Set<String> unknown = new TreeSet<>(map.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new InvalidOffsetException(what + " has unknown field(s) " + unknown + "; allowed fields are "
                    + new TreeSet<>(allowed));
        }
    }

    static String requiredString(String what, Map<String, ?> map, String field) {
        Object value = map.get(field);
        if (value == null) {
            throw new InvalidOffsetException(what + " is missing the field '" + field + "'");
        }
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new InvalidOffsetException(what + " field '" + field + "' must be a non-empty string, but was "
                    + describe(value));
        }
        return (String) value;
    }

    static Long optionalVersion(String what, Map<String, ?> map, String field) {
        Object value = map.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            throw new InvalidOffsetException(what + " field '" + field
                    + "' must be a whole number (a Change Tracking version), but was " + describe(value));
        }
        long version = ((Number) value).longValue();
        if (version < 0) {
            throw new InvalidOffsetException(what + " field '" + field
                    + "' must be 0 or greater (Change Tracking versions start at 0), but was " + version);
        }
        return version;
    }

    static long requiredVersion(String what, Map<String, ?> map, String field) {
        Long version = optionalVersion(what, map, field);
        if (version == null) {
            throw new InvalidOffsetException(what + " is missing the field '" + field + "'");
        }
        return version;
    }

    static String optionalString(String what, Map<String, ?> map, String field) {
        Object value = map.get(field);
        if (value != null && !(value instanceof String)) {
            throw new InvalidOffsetException(what + " field '" + field + "' must be a string, but was " + describe(value));
        }
        return (String) value;
    }

    static String describe(Object value) {
        return value instanceof String ? "'" + value + "'" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
