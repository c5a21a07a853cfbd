package io.ctsync.launcher;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The source connector's plugin metrics as JMX shows them ({@code kafka.connect:type=plugins,connector=…,task=…,
 * table=…}): what an operator's monitoring reads. The worker runs in this process, so the platform MBean server
 * has them.
 */
final class SourcePluginMetrics {

    static final List<String> NAMES = List.of("snapshot-percent", "anchor-version", "lag-versions", "snapshot-rows-total",
            "created-total", "updated-total", "deleted-total", "retention-headroom-seconds", "retention-seconds");
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private SourcePluginMetrics() {
    }

    /** One line per table: its metrics name=value; empty when the worker has none registered (yet). */
    static List<String> lines(String connector) {
        TreeMap<String, String> byTable = new TreeMap<>();
        try {
            for (ObjectName name : SERVER.queryNames(new ObjectName("kafka.connect:type=plugins,*"), null)) {
                String table = name.getKeyProperty("table");
                if (table == null || !connector.equals(unquote(name.getKeyProperty("connector")))) {
                    continue;
                }
                StringBuilder line = new StringBuilder();
                for (String metric : NAMES) {
                    try {
                        Object value = SERVER.getAttribute(name, metric);
                        line.append(line.length() == 0 ? "" : " ").append(metric).append('=').append(value);
                    } catch (JMException absent) {
                        // a metric this worker did not register
                    }
                }
                byTable.put(unquote(table), line.toString());
            }
        } catch (JMException e) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        byTable.forEach((table, line) -> lines.add(table + ": " + line));
        return lines;
    }

    private static String unquote(String value) {
        return value != null && value.startsWith("\"") ? ObjectName.unquote(value) : value;
    }
}
