package io.ctsync.it.e2e;

import java.lang.management.ManagementFactory;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The sink's plugin metrics as an operator reads them over JMX ({@code kafka.connect:type=plugins,connector=...,
 * task=...}; the workers run in this JVM), summed over the connector's tasks.
 */
final class SinkMetrics {

    private SinkMetrics() {
    }

    /** The metric summed over every task of the connector that registered it now. */
    static long total(String connector, String metric) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long total = 0;
        for (ObjectName name : server.queryNames(new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",*"), null)) {
            if (name.getKeyProperty("rule") != null) {
                continue;
            }
            try {
                total += ((Number) server.getAttribute(name, metric)).longValue();
            } catch (AttributeNotFoundException e) {
                // another metric group of the same task
            }
        }
        return total;
    }
}
