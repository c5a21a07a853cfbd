package io.ctsync.source.ctmodel;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.ctmodel.sales.SalesSimulation;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.ChangeTrackingDatabaseFactory;
import io.ctsync.source.tracking.TrackingException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Opens {@code jdbc:ctmodel:<name>} as a connection to the {@link ChangeTrackingModel} of that name. Selected by the
 * connector's internal option {@code ctsync.database.factory} in tests. {@code jdbc:ctmodel:<name>;demo=<n>} creates
 * the model on first use with a tracked table dbo.items of n rows: for a worker that loads the model from its plugin
 * directory, where the test cannot reach the model's objects. {@code jdbc:ctmodel:<name>;simulation=sales;state=<dir>}
 * starts the demo's simulated sales database under a live workload ({@link SalesSimulation}).
 */
public final class ModelDatabaseFactory implements ChangeTrackingDatabaseFactory {

    public static final String URL_PREFIX = "jdbc:ctmodel:";

    public static String url(ChangeTrackingModel model) {
        return URL_PREFIX + model.key();
    }

    private static synchronized void demo(String name, int rows) {
        try {
            ChangeTrackingModel.lookup(name);
        } catch (IllegalStateException absent) {
            ChangeTrackingModel model = ChangeTrackingModel.create(name).enableChangeTracking();
            model.createTable("dbo", "items", ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 100))
                    .track("dbo", "items", false);
            model.transaction(tx -> {
                for (int id = 1; id <= rows; id++) {
                    tx.insert("dbo", "items", java.util.Map.of("id", id, "name", "item " + id));
                }
            });
        }
    }

    /** {@code <name>;simulation=sales;state=<dir>[;pause.ms=<n>]}: starts the simulation, returns the name. */
    private static String startSalesSimulation(String spec) {
        String[] parts = spec.split(";");
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals < 0) {
                throw new TrackingException("Simulation parameter '" + parts[i] + "' is not key=value", null, false);
            }
            parameters.put(parts[i].substring(0, equals), parts[i].substring(equals + 1));
        }
        if (!parameters.containsKey("state")) {
            throw new TrackingException("The sales simulation needs state=<directory> in its URL", null, false);
        }
        SalesSimulation.ensureRunning(parts[0], Path.of(parameters.get("state")),
                Long.parseLong(parameters.getOrDefault("pause.ms", "50")));
        return parts[0];
    }

    @Override
    public ChangeTrackingDatabase open(ConnectionOptions.Settings connection) {
        if (!connection.url().startsWith(URL_PREFIX)) {
            throw new TrackingException("Not a model URL: " + connection.url(), null, false);
        }
        String name = connection.url().substring(URL_PREFIX.length());
        if (name.contains(";simulation=sales")) {
            name = startSalesSimulation(name);
        }
        if (name.contains(";demo=")) {
            int rows = Integer.parseInt(name.substring(name.indexOf(";demo=") + 6));
            name = name.substring(0, name.indexOf(';'));
            demo(name, rows);
        }
        try {
            return opened(ChangeTrackingModel.lookup(name));
        } catch (IllegalStateException e) {
            throw new TrackingException("Cannot open " + connection.url() + ": " + e.getMessage(), e, true);
        }
    }

    /**
     * Database {@code database} of the server the URL reaches ({@code jdbc:ctmodel:<server>/<any database>}); a
     * model of its own reaches only itself. An unknown database, or one the user has no access to, is refused as SQL
     * Server refuses it (error 4060, not transient).
     */
    @Override
    public ChangeTrackingDatabase open(ConnectionOptions.Settings connection, String database) {
        String spec = connection.url().substring(URL_PREFIX.length());
        String key = spec.contains(";") ? spec.substring(0, spec.indexOf(';')) : spec;
        String server = key.contains("/") ? key.substring(0, key.indexOf('/')) : null;
        if (server == null) {
            return ChangeTrackingDatabaseFactory.super.open(connection, database);
        }
        try {
            return opened(ChangeTrackingModel.lookup(ChangeTrackingModel.key(server, database)));
        } catch (IllegalStateException e) {
            throw cannotOpen(database);
        }
    }

    private static ChangeTrackingDatabase opened(ChangeTrackingModel model) {
        model.lock.lock();
        try {
            if (!model.dbAccess) {
                throw cannotOpen(model.name);
            }
        } finally {
            model.lock.unlock();
        }
        return new ModelDatabase(model);
    }

    private static TrackingException cannotOpen(String database) {
        return new TrackingException("Cannot open database \"" + database + "\" requested by the login. The login "
                + "failed. (SQL Server error 4060)", null, false);
    }
}
