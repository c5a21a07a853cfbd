package io.ctsync.sink.config;

import io.ctsync.sink.schema.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@code table.name.format}: the target table of a record, from literal text and the placeholders
 * {@code ${topic}}, {@code ${source.db}}, {@code ${source.schema}} and {@code ${source.table}}. A literal dot in
 * the format separates schema and table ({@code analytics.${source.table}}); dots inside substituted values become
 * {@code _}, so a topic {@code erp.sales.dbo.customers} names one table, {@code erp_sales_dbo_customers}.
 */
public final class TableNameFormat {

    public static final String TOPIC = "topic";
    public static final String SOURCE_DB = "source.db";
    public static final String SOURCE_SCHEMA = "source.schema";
    public static final String SOURCE_TABLE = "source.table";
    private static final Set<String> PLACEHOLDERS = Set.of(TOPIC, SOURCE_DB, SOURCE_SCHEMA, SOURCE_TABLE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    /** One part of the format between literal dots: alternating literal text and placeholder names. */
    private record Part(List<String> literals, List<String> names) {
    }

    private final String format;
    private final List<Part> parts;
    private final boolean usesSource;

    private TableNameFormat(String format, List<Part> parts) {
        this.format = format;
        this.parts = parts;
        this.usesSource = parts.stream().flatMap(p -> p.names().stream()).anyMatch(n -> n.startsWith("source."));
    }

    public static TableNameFormat parse(String format) {
        String text = format == null ? "" : format.trim();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty; e.g. ${topic} or analytics.${source.table}");
        }
        List<Part> parts = new ArrayList<>();
        for (String piece : splitOnLiteralDots(text)) {
            parts.add(parsePart(piece));
        }
        if (parts.size() > 2) {
            throw new IllegalArgumentException("has " + (parts.size() - 1) + " literal dots; at most one may separate "
                    + "schema and table");
        }
        if (parts.stream().anyMatch(p -> p.names().isEmpty() && String.join("", p.literals()).isEmpty())) {
            throw new IllegalArgumentException("has an empty schema or table part");
        }
        return new TableNameFormat(text, List.copyOf(parts));
    }

    /** True when the format needs the {@code source} block of a change envelope. */
    public boolean usesSourceFields() {
        return usesSource;
    }

    /**
     * The table for one record; {@code source} gives db/schema/table of the change (null entries when the record
     * has no source block).
     */
    public TableId resolve(String topic, String sourceDb, String sourceSchema, String sourceTable) {
        List<String> names = new ArrayList<>(parts.size());
        for (Part part : parts) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < part.literals().size(); i++) {
                out.append(part.literals().get(i));
                if (i < part.names().size()) {
                    String name = part.names().get(i);
                    String value = switch (name) {
                        case TOPIC -> topic;
                        case SOURCE_DB -> sourceDb;
                        case SOURCE_SCHEMA -> sourceSchema;
                        default -> sourceTable;
                    };
                    if (value == null || value.isEmpty()) {
                        throw new IllegalArgumentException("table.name.format '" + format + "' needs ${" + name
                                + "}, but the record has no such value (only change envelopes carry source.db, "
                                + "source.schema and source.table)");
                    }
                    out.append(value.replace('.', '_'));
                }
            }
            names.add(out.toString());
        }
        return names.size() == 1 ? TableId.of(names.get(0)) : new TableId(names.get(0), names.get(1));
    }

    @Override
    public String toString() {
        return format;
    }

    private static List<String> splitOnLiteralDots(String text) {
        List<String> pieces = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == '.' && depth == 0) {
                pieces.add(text.substring(start, i));
                start = i + 1;
            }
        }
        pieces.add(text.substring(start));
        return pieces;
    }

    private static Part parsePart(String piece) {
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(piece);
        int last = 0;
        while (m.find()) {
            String name = m.group(1).trim();
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("has an unknown placeholder ${" + name + "}; known: ${topic}, "
                        + "${source.db}, ${source.schema}, ${source.table}");
            }
            literals.add(piece.substring(last, m.start()));
            names.add(name);
            last = m.end();
        }
        String rest = piece.substring(last);
        if (rest.contains("${")) {
            throw new IllegalArgumentException("has an unclosed placeholder in '" + piece + "'");
        }
        literals.add(rest);
        return new Part(literals, names);
    }

    /** Validates the option's syntax, attaching the reason to the option. */
    public static ConfigDef.Validator validator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    parse((String) value);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "text with ${topic}, ${source.db}, ${source.schema}, ${source.table}; one literal dot separates schema and table";
            }
        };
    }
}
