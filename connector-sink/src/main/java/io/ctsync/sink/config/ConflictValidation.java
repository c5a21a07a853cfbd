package io.ctsync.sink.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/** The conflict options' rules across options, each error attached to the option to change. */
public final class ConflictValidation {

    private ConflictValidation() {
    }

    /** {@code conflict.policy.<table>} are not in the ConfigDef (the tables are the user's): checked here. */
    public static void checkTablePolicies(Map<String, String> configs, Config config) {
        EnumValidator policies = EnumValidator.of(ConflictPolicy.class);
        configs.forEach((name, value) -> {
            if (!name.startsWith(ConflictOptions.POLICY_PREFIX)) {
                return;
            }
            ConfigValue result = new ConfigValue(name, value, new ArrayList<>(), new ArrayList<>());
            if (name.length() == ConflictOptions.POLICY_PREFIX.length()) {
                result.addErrorMessage("Name the target table: conflict.policy.<table>");
            } else {
                try {
                    policies.ensureValid(name, value);
                } catch (ConfigException e) {
                    result.addErrorMessage(e.getMessage());
                }
            }
            config.configValues().add(result);
        });
    }

    public static void check(ConflictOptions.Settings settings, Map<String, ConfigValue> values) {
        List<ConflictPolicy> used = new ArrayList<>(settings.tablePolicies().values());
        used.add(settings.policy());
        if (used.contains(ConflictPolicy.MERGE_CHANGED_COLUMNS)) {
            used.add(settings.mergeFallback());
        }
        if (used.contains(ConflictPolicy.NEWER_WINS) && settings.newerColumn().isEmpty()) {
            values.get(ConflictOptions.NEWER_COLUMN).addErrorMessage("newer-wins is used (" + ConflictOptions.POLICY
                    + ", a per-table rule or " + ConflictOptions.MERGE_FALLBACK + "): name the column it compares");
        }
        boolean manual = used.contains(ConflictPolicy.MANUAL) || settings.updateMissing() == UpdateMissing.MANUAL
                || settings.deleteMissing() == DeleteMissing.MANUAL;
        if (manual && settings.topic() == null) {
            values.get(ConflictOptions.TOPIC).addErrorMessage("manual is used (a rule, " + ConflictOptions.UPDATE_MISSING
                    + " or " + ConflictOptions.DELETE_MISSING + "): its changes are kept only on the conflict topic; name it");
        }
        Object servers = settings.producerProperties().get("bootstrap.servers");
        if (settings.topic() != null && (servers == null || servers.toString().isBlank())) {
            values.get(ConflictOptions.BOOTSTRAP_SERVERS).addErrorMessage("The conflict topic needs its Kafka cluster "
                    + "(a sink task has no producer of its own); e.g. the worker's bootstrap.servers");
        }
    }
}
