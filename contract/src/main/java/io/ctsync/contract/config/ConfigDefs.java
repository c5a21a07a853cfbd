package io.ctsync.contract.config;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/** House rules for a connector's options, checked by each connector's tests. */
public final class ConfigDefs {

    private ConfigDefs() {
    }

    /**
     * What is missing from options that every option must have: documentation, a group, an order in the group,
     * a display name, and a validator (unless the type alone says what is valid: boolean, password).
     */
    public static List<String> incompleteOptions(ConfigDef def) {
        List<String> problems = new ArrayList<>();
        for (ConfigKey key : def.configKeys().values()) {
            if (key.internalConfig) {
                continue;
            }
            if (key.documentation == null || key.documentation.isBlank()) {
                problems.add(key.name + ": no documentation");
            }
            if (key.group == null) {
                problems.add(key.name + ": no group");
            }
            if (key.orderInGroup < 1) {
                problems.add(key.name + ": no order in its group");
            }
            if (key.displayName == null || key.displayName.equals(key.name)) {
                problems.add(key.name + ": no display name");
            }
            boolean typeSaysItAll = key.type == ConfigDef.Type.BOOLEAN || key.type == ConfigDef.Type.PASSWORD;
            if (key.validator == null && !typeSaysItAll) {
                problems.add(key.name + ": no validator");
            }
        }
        return problems;
    }
}
