package io.ctsync.compat;

import java.io.IOException;
import java.util.Set;
import javax.management.AttributeNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Reads a worker's plugin metrics (KIP-877: {@code kafka.connect:type=plugins,connector=…,task=…}) over JMX. */
final class PluginMetricsProbe {

    private final int jmxPort;

    PluginMetricsProbe(int jmxPort) {
        this.jmxPort = jmxPort;
    }

    /** The value of {@code attribute} of the connector's plugin metrics beans that have it, summed; null if none. */
    Long sum(String connector, String attribute) throws IOException, JMException {
        try (JMXConnector jmx = JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"))) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            Set<ObjectName> names = server.queryNames(
                    new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",*"), null);
            Long total = null;
            for (ObjectName name : names) {
                Object value;
                try {
                    value = server.getAttribute(name, attribute);
                } catch (AttributeNotFoundException absent) {
                    continue;
                }
                total = (total == null ? 0 : total) + ((Number) value).longValue();
            }
            return total;
        }
    }

    /** Every plugin metrics bean of the connector. */
    Set<ObjectName> beans(String connector) throws IOException, JMException {
        try (JMXConnector jmx = JMXConnectorFactory.connect(
                new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"))) {
            return jmx.getMBeanServerConnection().queryNames(
                    new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",*"), null);
        }
    }
}
