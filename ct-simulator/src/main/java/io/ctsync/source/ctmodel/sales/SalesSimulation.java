package io.ctsync.source.ctmodel.sales;

import io.ctsync.source.ctmodel.ChangeTrackingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * A simulated SQL Server holding the sales schema under a live workload, for the demo. It lives in memory; to let a
 * restarted demo resume from its anchors, it is rebuilt from the workload's seed: before running past the number of
 * transactions written in its position file it raises that number by a block, so a restart replays at least every
 * transaction that ever committed (the same database at the same versions) and then goes on live.
 */
public final class SalesSimulation implements SimulatedSqlServerMBean {

    static final int CUSTOMERS = 300;
    static final int ORDERS = 1500;
    private static final long POSITION_BLOCK = 500;
    private static final Map<String, SalesSimulation> RUNNING = new ConcurrentHashMap<>();

    private final ChangeTrackingModel model;
    private final SalesWorkload workload = new SalesWorkload();
    private final Path positionFile;
    private final long pauseMillis;
    private long transactions;
    private long reserved;
    private boolean paused;

    private SalesSimulation(String name, Path positionFile, long pauseMillis) {
        this.model = ChangeTrackingModel.create(name);
        this.positionFile = positionFile;
        this.pauseMillis = pauseMillis;
    }

    /**
     * Creates the simulation {@code name} on first use (later calls find it running): schema, starting data, replay
     * up to the position in {@code stateDirectory}, then the live workload, one transaction every
     * {@code pauseMillis}, on a daemon thread.
     */
    public static synchronized void ensureRunning(String name, Path stateDirectory, long pauseMillis) {
        if (RUNNING.containsKey(name)) {
            return;
        }
        SalesSimulation simulation = new SalesSimulation(name, stateDirectory.resolve(name + ".position"), pauseMillis);
        simulation.build();
        simulation.register();
        RUNNING.put(name, simulation);
        Thread live = new Thread(simulation::runLive, "simulated-sql-server-" + name);
        live.setDaemon(true);
        live.start();
    }

    private void build() {
        SalesSchema.create(model);
        workload.initialLoad(model, CUSTOMERS, ORDERS);
        reserved = readPosition();
        while (transactions < reserved) {
            workload.next(model);
            transactions++;
        }
    }

    private void register() {
        try {
            ObjectName name = new ObjectName("io.ctsync.simulation:type=SimulatedSqlServer,database=" + model.name());
            if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                // StandardMBean: the interface is named for what it shows, not after this class.
                ManagementFactory.getPlatformMBeanServer().registerMBean(new StandardMBean(this, SimulatedSqlServerMBean.class), name);
            }
        } catch (JMException e) {
            throw new IllegalStateException("Cannot register the simulated SQL Server in JMX", e);
        }
    }

    private void runLive() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                step();
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void step() throws InterruptedException {
        while (paused) {
            wait();
        }
        if (transactions >= reserved) {
            reserved = transactions + POSITION_BLOCK;
            writePosition(reserved);
        }
        workload.next(model);
        transactions++;
    }

    private long readPosition() {
        try {
            return Files.exists(positionFile) ? Long.parseLong(Files.readString(positionFile).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Cannot read the simulation's position file " + positionFile
                    + " (delete the work directory or start with --reset): " + e, e);
        }
    }

    private void writePosition(long position) {
        try {
            Files.createDirectories(positionFile.getParent());
            Path temporary = positionFile.resolveSibling(positionFile.getFileName() + ".tmp");
            Files.writeString(temporary, Long.toString(position), StandardCharsets.UTF_8);
            Files.move(temporary, positionFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the simulation's position file " + positionFile, e);
        }
    }

    @Override
    public long getCurrentVersion() {
        return model.currentVersion();
    }

    @Override
    public synchronized long getTransactions() {
        return transactions;
    }

    @Override
    public synchronized boolean isPaused() {
        return paused;
    }

    @Override
    public synchronized void pause() {
        paused = true;
    }

    @Override
    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    @Override
    public long rowCount(String table) {
        return model.rows(SalesSchema.SCHEMA, table).size();
    }

    @Override
    public String[] rows(String table) {
        List<String> columns = SalesSchema.columns(table);
        return model.rows(SalesSchema.SCHEMA, table).stream().map(row -> {
            StringJoiner line = new StringJoiner("\t");
            columns.forEach(c -> line.add(Objects.toString(row.get(c), "\\N")));
            return line.toString();
        }).toArray(String[]::new);
    }
}
