package io.ctsync.source.marker;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The partition count Connect creates a topic with, from the connector's own {@code topic.creation.*} settings (KIP-158):
 * the first group of {@code topic.creation.groups} whose {@code include} matches the topic and whose {@code exclude}
 * does not, else the {@code default} group; a group without {@code partitions} (or with -1, the broker's default)
 * says nothing. Right for topics the worker creates; an existing topic keeps whatever count it has.
 */
public final class TopicCreationPartitions implements PartitionCounts {

    private static final String DEFAULT_GROUP = "default";

    private final Map<String, Object> settings;

    /** @param settings the connector's {@code topic.creation.*} settings without the prefix */
    public TopicCreationPartitions(Map<String, Object> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public OptionalInt of(String topic) {
        for (String group : list("groups")) {
            if (!group.equals(DEFAULT_GROUP) && matchesAny(group + ".include", topic) && !matchesAny(group + ".exclude", topic)) {
                OptionalInt count = partitions(group);
                return count.isPresent() ? count : partitions(DEFAULT_GROUP);
            }
        }
        return partitions(DEFAULT_GROUP);
    }

    @Override
    public String describe() {
        return "the connector's topic.creation.* settings";
    }

    private OptionalInt partitions(String group) {
        Object value = settings.get(group + ".partitions");
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int count = Integer.parseInt(value.toString().trim());
            return count > 0 ? OptionalInt.of(count) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private boolean matchesAny(String key, String topic) {
        return list(key).stream().anyMatch(regex -> Pattern.compile(regex).matcher(topic).matches());
    }

    private List<String> list(String key) {
        Object value = settings.get(key);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
