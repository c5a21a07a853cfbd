package io.ctsync.contract.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.Connector;

/**
 * Writes the option reference of a connector as Markdown, from its {@link ConfigDef} (the single source of
 * truth): one table per group, in the connector's group order. The build runs it and packs the result into the
 * plugin archive's {@code doc/}.
 *
 * <p>Usage: {@code ConfigDocs <connector class> <title> <output file>}
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("Usage: ConfigDocs <connector class> <title> <output file>");
        }
        Connector connector = (Connector) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        Path output = Path.of(args[2]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, markdown(args[1], connector.config()), StandardCharsets.UTF_8);
    }

    public static String markdown(String title, ConfigDef def) {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n")
                .append("Generated from the connector's ConfigDef by the build; do not edit.\n");
        for (Map.Entry<String, List<ConfigKey>> group : byGroup(def).entrySet()) {
            out.append("\n## ").append(group.getKey()).append("\n\n")
                    .append("| Option | Type | Default | Valid values | Importance | Description |\n")
                    .append("|---|---|---|---|---|---|\n");
            for (ConfigKey key : group.getValue()) {
                out.append("| `").append(key.name).append("` | ")
                        .append(key.type.name().toLowerCase()).append(" | ")
                        .append(cell(defaultValue(key))).append(" | ")
                        .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
                        .append(key.importance.name().toLowerCase()).append(" | ")
                        .append(cell(key.documentation)).append(" |\n");
            }
        }
        return out.toString();
    }

    private static Map<String, List<ConfigKey>> byGroup(ConfigDef def) {
        Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
        for (String group : def.groups()) {
            groups.put(group, new ArrayList<>());
        }
        for (ConfigKey key : def.configKeys().values()) {
            groups.computeIfAbsent(Objects.requireNonNullElse(key.group, "Other"), g -> new ArrayList<>()).add(key);
        }
        groups.values().forEach(keys -> keys.sort(Comparator.comparingInt((ConfigKey k) -> k.orderInGroup)
                .thenComparing(k -> k.name)));
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    private static String defaultValue(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        Object value = key.defaultValue;
        if (value == null) {
            return "null";
        }
        if (value instanceof Password) {
            return "[hidden]";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "\"\"" : String.join(",", list.stream().map(String::valueOf).toList());
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? "\"\"" : text;
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
