package io.ctsync.launcher;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The demo's simulated SQL Server, seen from the launcher: it runs inside the worker in the source plugin's class
 * loader, so the launcher reaches it through JMX ({@code io.ctsync.simulation:type=SimulatedSqlServer}).
 */
final class SimulatedSource {

    static final String DATABASE = "sales";
    static final List<String> TABLES = List.of("customers", "orders", "order_lines");
    static final List<String> KEYS = List.of("id", "id", "order_id, line_no");
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName name;

    SimulatedSource() {
        try {
            name = new ObjectName("io.ctsync.simulation:type=SimulatedSqlServer,database=" + DATABASE);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean running() {
        return SERVER.isRegistered(name);
    }

    long currentVersion() {
        return (Long) attribute("CurrentVersion");
    }

    long transactions() {
        return (Long) attribute("Transactions");
    }

    long rowCount(String table) {
        return (Long) invoke("rowCount", table);
    }

    List<String> rows(String table) {
        return Arrays.asList((String[]) invoke("rows", table));
    }

    void pause() {
        invoke("pause", null);
    }

    void resume() {
        invoke("resume", null);
    }

    static List<String> columns(String table) {
        return switch (table) {
            case "customers" -> List.of("id", "name", "email", "city");
            case "orders" -> List.of("id", "customer_id", "status", "total_cents");
            case "order_lines" -> List.of("order_id", "line_no", "product", "quantity", "price_cents");
            default -> throw new IllegalArgumentException(table);
        };
    }

    private Object attribute(String attribute) {
        try {
            return SERVER.getAttribute(name, attribute);
        } catch (JMException e) {
            throw new LaunchFailure("Cannot read the simulated SQL Server's " + attribute + ": " + e, e);
        }
    }

    private Object invoke(String operation, String table) {
        try {
            return table == null ? SERVER.invoke(name, operation, new Object[0], new String[0])
                    : SERVER.invoke(name, operation, new Object[] {table}, new String[] {String.class.getName()});
        } catch (JMException e) {
            throw new LaunchFailure("Cannot call the simulated SQL Server's " + operation + ": " + e, e);
        }
    }
}
