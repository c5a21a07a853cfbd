package io.ctsync.sink.testing;

import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The sink task's plugin metrics as an operator reads them: from the worker's JMX reporter, in this JVM's platform
 * MBean server ({@code kafka.connect:type=plugins,connector=...,task=...}).
 */
public final class PluginMetricValues {

    private PluginMetricValues() {
    }

    /** The value of a metric of the connector's task 0 with these extra tags, or null when it is not registered. */
    public static Long value(String connector, String metric, Map<String, String> tags) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : server.queryNames(new ObjectName("kafka.connect:type=plugins,*"), null)) {
            boolean matches = connector.equals(name.getKeyProperty("connector")) && "0".equals(name.getKeyProperty("task"))
                    && tags.entrySet().stream().allMatch(t -> t.getValue().equals(name.getKeyProperty(t.getKey())));
            if (matches) {
                try {
                    return ((Number) server.getAttribute(name, metric)).longValue();
                } catch (javax.management.AttributeNotFoundException e) {
                    // another metric group of the same task
                }
            }
        }
        return null;
    }

    public static Long value(String connector, String metric) throws Exception {
        return value(connector, metric, Map.of());
    }
}
