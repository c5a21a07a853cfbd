package io.ctsync.source.ctmodel.sales;

/**
 * The simulated SQL Server as JMX shows it (platform MBean server, {@code io.ctsync.simulation:type=SimulatedSqlServer,
 * database=<name>}): the demo runs the simulation inside the worker, in the source plugin's class loader, and reads
 * it from there through JMX, with JDK types only.
 */
public interface SimulatedSqlServerMBean {

    /** CHANGE_TRACKING_CURRENT_VERSION(). */
    long getCurrentVersion();

    /** Workload transactions committed since the simulation was created (replayed ones included). */
    long getTransactions();

    boolean isPaused();

    /** Stops the workload after the transaction in flight; returns when none is. */
    void pause();

    void resume();

    /** Rows of {@code table} now. */
    long rowCount(String table);

    /** Rows of {@code table} in key order, each its values in {@link SalesSchema#columns} order joined by tabs. */
    String[] rows(String table);
}
