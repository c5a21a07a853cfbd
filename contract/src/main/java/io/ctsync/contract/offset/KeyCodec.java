package io.ctsync.contract.offset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * Primary-key values in an offset. Connect offsets hold only primitives, so a key (one value per key column,
 * each in its canonical text form) travels as a JSON array of strings: {@code ["42","2024-01-31"]}. Text keeps
 * decimals and binary keys exact, which JSON numbers would not.
 */
final class KeyCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private KeyCodec() {
    }

    static String encode(List<String> key) {
        try {
            return JSON.writeValueAsString(key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode key " + key, e);
        }
    }

    static List<String> decode(String what, String field, String json) {
        List<String> key;
        try {
            key = JSON.readValue(json, STRING_LIST);
        } catch (JsonProcessingException e) {
            throw new InvalidOffsetException(what + " field '" + field
                    + "' must be a JSON array of strings, one per primary-key column (e.g. [\"42\"]), but was '" + json + "'");
        }
        if (key == null || key.isEmpty() || key.contains(null)) {
            throw new InvalidOffsetException(what + " field '" + field
                    + "' must list one non-null string per primary-key column, but was '" + json + "'");
        }
        return List.copyOf(key);
    }
}
