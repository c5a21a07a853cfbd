package io.ctsync.sink.config;

import io.ctsync.sink.schema.TableId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The conflict options: the rule per table, the missing-row cases, and the conflict topic with the producer that
 * writes it (a sink task has no producer of its own: {@code conflict.kafka.*} configures one, e.g. security settings).
 * Rules across options live in {@link io.ctsync.sink.JdbcSinkConnector#validate}.
 */
public final class ConflictOptions {

    public static final String GROUP = "Conflicts";

    public static final String POLICY = "conflict.policy";
    /** {@code conflict.policy.<table>} overrides {@link #POLICY} for one target table. */
    public static final String POLICY_PREFIX = POLICY + ".";
    private static final String POLICY_DOC = "What the sink does when the target row was changed by someone else since "
            + "the sink last wrote it, or an insert meets a row that exists. source-wins: overwrite (counted and logged). "
            + "target-wins: keep the target row, skip the change. newer-wins: compare conflict.newer.column on both sides, "
            + "ties go to the target. merge-changed-columns: write only the columns the source changed (its "
            + "source.changed_columns), keep target edits in other columns; a column changed on both sides falls back to "
            + "conflict.merge.fallback. manual: write nothing, send the change with the target row to conflict.topic. "
            + "Override per target table with conflict.policy.<table> (the table as table.name.format names it).";
    public static final String POLICY_DEFAULT = ConflictPolicy.SOURCE_WINS.optionValue();

    public static final String NEWER_COLUMN = "conflict.newer.column";
    private static final String NEWER_COLUMN_DOC = "The column newer-wins compares: a timestamp or version both the "
            + "change event's row and the target table have. Required when any rule is newer-wins.";

    public static final String MERGE_FALLBACK = "conflict.merge.fallback";
    private static final String MERGE_FALLBACK_DOC = "The rule for columns changed on both sides under "
            + "merge-changed-columns, and for deletes and inserts (which have no columns to merge): source-wins, "
            + "target-wins, newer-wins or manual.";

    public static final String UPDATE_MISSING = "conflict.update.missing";
    private static final String UPDATE_MISSING_DOC = "An update of a row the target does not have (deleted there, or "
            + "never there). insert: insert it. skip: leave it missing. manual: send it to conflict.topic.";

    public static final String DELETE_MISSING = "conflict.delete.missing";
    private static final String DELETE_MISSING_DOC = "A delete of a row the target does not have. ignore: nothing to do. "
            + "manual: send it to conflict.topic.";

    public static final String TOPIC = "conflict.topic";
    private static final String TOPIC_DOC = "The topic every conflict is written to, whatever the rule: table, key, "
            + "situation, rule, outcome, event version, source values, current target values and the reason, as JSON. "
            + "Written at least once, before the batch's transaction commits. Empty: conflicts are counted and logged only "
            + "(and, with source-wins everywhere, not even looked for). Create it beforehand.";

    public static final String KAFKA_PREFIX = "conflict.kafka.";
    public static final String BOOTSTRAP_SERVERS = KAFKA_PREFIX + "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "The Kafka cluster of conflict.topic (required with it). Any "
            + "other producer setting can be given as conflict.kafka.<setting>, e.g. conflict.kafka.security.protocol.";

    private ConflictOptions() {
    }

    static void addTo(ConfigDef def) {
        int order = 0;
        def.define(POLICY, Type.STRING, POLICY_DEFAULT, EnumValidator.of(ConflictPolicy.class), Importance.MEDIUM, POLICY_DOC,
                        GROUP, ++order, Width.MEDIUM, "Conflict rule")
                .define(NEWER_COLUMN, Type.STRING, "", SinkConnectorConfig.optionalName(), Importance.LOW, NEWER_COLUMN_DOC,
                        GROUP, ++order, Width.MEDIUM, "Newer-wins column")
                .define(MERGE_FALLBACK, Type.STRING, POLICY_DEFAULT, mergeFallback(), Importance.LOW, MERGE_FALLBACK_DOC,
                        GROUP, ++order, Width.SHORT, "Merge fallback rule")
                .define(UPDATE_MISSING, Type.STRING, UpdateMissing.INSERT.optionValue(), EnumValidator.of(UpdateMissing.class),
                        Importance.LOW, UPDATE_MISSING_DOC, GROUP, ++order, Width.SHORT, "Update of a missing row")
                .define(DELETE_MISSING, Type.STRING, DeleteMissing.IGNORE.optionValue(), EnumValidator.of(DeleteMissing.class),
                        Importance.LOW, DELETE_MISSING_DOC, GROUP, ++order, Width.SHORT, "Delete of a missing row")
                .define(TOPIC, Type.STRING, "", topicName(), Importance.MEDIUM, TOPIC_DOC, GROUP, ++order, Width.MEDIUM,
                        "Conflict topic")
                .define(BOOTSTRAP_SERVERS, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.MEDIUM,
                        BOOTSTRAP_SERVERS_DOC, GROUP, ++order, Width.LONG, "Conflict topic's Kafka");
    }

    /** The rules of one connector, parsed from its configuration. */
    public record Settings(ConflictPolicy policy, Map<String, ConflictPolicy> tablePolicies, String newerColumn,
                           ConflictPolicy mergeFallback, UpdateMissing updateMissing, DeleteMissing deleteMissing,
                           String topic, Map<String, Object> producerProperties) {

        static Settings of(AbstractConfig config) {
            Map<String, ConflictPolicy> tables = new HashMap<>();
            EnumValidator policies = EnumValidator.of(ConflictPolicy.class);
            config.originalsWithPrefix(POLICY_PREFIX).forEach((table, value) -> {
                policies.ensureValid(POLICY_PREFIX + table, value);
                tables.put(table.trim().toLowerCase(Locale.ROOT), EnumValidator.parse(ConflictPolicy.class, value.toString()));
            });
            String topic = config.getString(TOPIC).trim();
            return new Settings(EnumValidator.parse(ConflictPolicy.class, config.getString(POLICY)), Map.copyOf(tables),
                    config.getString(NEWER_COLUMN).trim(), EnumValidator.parse(ConflictPolicy.class, config.getString(MERGE_FALLBACK)),
                    EnumValidator.parse(UpdateMissing.class, config.getString(UPDATE_MISSING)),
                    EnumValidator.parse(DeleteMissing.class, config.getString(DELETE_MISSING)),
                    topic.isEmpty() ? null : topic, Map.copyOf(config.originalsWithPrefix(KAFKA_PREFIX)));
        }

        /** The rule of a target table: its own {@code conflict.policy.<table>} (by schema.table or table), else the default. */
        public ConflictPolicy policyOf(TableId table) {
            ConflictPolicy own = tablePolicies.get(table.toString().toLowerCase(Locale.ROOT));
            if (own == null && table.schema() != null) {
                own = tablePolicies.get(table.table().toLowerCase(Locale.ROOT));
            }
            return own != null ? own : policy;
        }
    }

    private static ConfigDef.Validator mergeFallback() {
        ConfigDef.Validator policies = EnumValidator.of(ConflictPolicy.class);
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                policies.ensureValid(name, value);
                if (EnumValidator.parse(ConflictPolicy.class, value.toString()) == ConflictPolicy.MERGE_CHANGED_COLUMNS) {
                    throw new ConfigException(name, value, "cannot be merge-changed-columns itself");
                }
            }

            @Override
            public String toString() {
                return "source-wins, target-wins, newer-wins, manual";
            }
        };
    }

    private static ConfigDef.Validator topicName() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = value == null ? "" : value.toString().trim();
                if (!text.isEmpty() && !text.matches("[a-zA-Z0-9._-]{1,249}")) {
                    throw new ConfigException(name, value, "is not a valid topic name (letters, digits, . _ -; at most 249)");
                }
            }

            @Override
            public String toString() {
                return "empty or a topic name";
            }
        };
    }
}
