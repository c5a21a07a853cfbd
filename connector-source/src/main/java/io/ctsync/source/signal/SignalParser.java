package io.ctsync.source.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a signal message the way Debezium's Kafka signal channel defines it: keyed by the connector's topic.prefix,
 * valued {@code {"type":"execute-snapshot","data":{"data-collections":["<database>.<schema>.<table>"],
 * "type":"incremental"}}}. Both snapshot types run the same per-table snapshot here (the table's changes pause until
 * its snapshot ends, then resume from its V0; the other tables never pause). What cannot be honoured exactly
 * (filtered snapshots, surrogate keys, other signal types) is rejected rather than half done.
 */
public final class SignalParser {

    public static final String EXECUTE_SNAPSHOT = "execute-snapshot";
    private static final Set<String> SNAPSHOT_TYPES = Set.of("incremental", "blocking");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = "{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":"
            + "[\"<database>.<schema>.<table>\"],\"type\":\"incremental\"}}";

    private final String topicPrefix;

    /** A parser for the connector whose {@code topic.prefix} is {@code topicPrefix}. */
    public SignalParser(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    public ParsedSignal parse(SignalMessage message) {
        long position = message.position();
        if (message.key() == null || message.key().isBlank()) {
            return rejected(position, "has no key; key it with this connector's topic.prefix '" + topicPrefix + "'");
        }
        if (!message.key().equals(topicPrefix)) {
            return new ParsedSignal.ForAnotherConnector(position, message.key());
        }
        JsonNode signal = readJson(message.value());
        if (signal == null || !signal.isObject()) {
            return rejected(position, "is not a JSON object; send " + EXAMPLE);
        }
        String type = text(signal.get("type"));
        if (type == null) {
            return rejected(position, "has no \"type\"; send " + EXAMPLE);
        }
        if (!type.equals(EXECUTE_SNAPSHOT)) {
            return rejected(position, "has type '" + type + "', which this connector does not support; it executes '"
                    + EXECUTE_SNAPSHOT + "' only");
        }
        return executeSnapshot(position, text(signal.get("id")), data(signal.get("data")));
    }

    private ParsedSignal executeSnapshot(long position, String id, JsonNode data) {
        if (data == null || !data.isObject()) {
            return rejected(position, "has no \"data\" object; send " + EXAMPLE);
        }
        Optional<String> unsupported = unsupportedField(data);
        if (unsupported.isPresent()) {
            return rejected(position, unsupported.get());
        }
        JsonNode names = data.get("data-collections");
        if (names == null || !names.isArray() || names.isEmpty()) {
            return rejected(position, "has no \"data-collections\" array naming the tables; send " + EXAMPLE);
        }
        List<Pattern> collections = new ArrayList<>();
        for (JsonNode name : names) {
            String text = text(name);
            if (text == null) {
                return rejected(position, "has a data-collections entry " + name + " that is not a table name; give "
                        + "strings such as \"<database>.<schema>.<table>\"");
            }
            try {
                collections.add(Pattern.compile(text.trim(), Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                return rejected(position, "has the data-collections entry '" + text + "', which is not a valid regular "
                        + "expression (" + e.getDescription() + "); escape special characters, e.g. sales\\\\.dbo\\\\.orders");
            }
        }
        return new ParsedSignal.ExecuteSnapshot(position, id, List.copyOf(collections));
    }

    /** Debezium options this connector cannot honour exactly, so it refuses the signal rather than do something else. */
    private static Optional<String> unsupportedField(JsonNode data) {
        String type = text(data.get("type"));
        if (type != null && !SNAPSHOT_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            return Optional.of("has the snapshot type '" + type + "'; use 'incremental' or 'blocking' (both re-snapshot "
                    + "the named tables while the others keep streaming)");
        }
        JsonNode conditions = data.get("additional-conditions");
        if (conditions != null && !conditions.isNull() && !conditions.isEmpty()) {
            return Optional.of("asks for a filtered snapshot (\"additional-conditions\"), which this connector does not "
                    + "support: its snapshot markers make the sink delete rows a snapshot does not bring; send the signal "
                    + "without it");
        }
        JsonNode surrogate = data.get("surrogate-key");
        if (surrogate != null && !surrogate.isNull() && !surrogate.asText().isEmpty()) {
            return Optional.of("names a \"surrogate-key\", which this connector does not support (snapshots follow the "
                    + "primary key); send the signal without it");
        }
        return Optional.empty();
    }

    /** Debezium's Kafka signals carry data as an object; its signal tables as a JSON string. Both are read. */
    private static JsonNode data(JsonNode data) {
        return data != null && data.isTextual() ? readJson(data.asText()) : data;
    }

    private static JsonNode readJson(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static ParsedSignal rejected(long position, String problem) {
        return new ParsedSignal.Rejected(position, problem);
    }
}
