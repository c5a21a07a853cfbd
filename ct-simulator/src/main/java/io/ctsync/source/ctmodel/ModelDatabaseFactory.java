package io.ctsync.source.ctmodel;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.ChangeTrackingDatabaseFactory;
import io.ctsync.source.tracking.TrackingException;

/**
 * Opens {@code jdbc:ctmodel:<name>} as a connection to the {@link ChangeTrackingModel} of that name. Selected by the
 * connector's internal option {@code ctsync.database.factory} in tests. {@code jdbc:ctmodel:<name>;demo=<n>} creates
 * the model on first use with a tracked table dbo.items of n rows: for a worker that loads the model from its plugin
 * directory, where the test cannot reach the model's objects.
 */
public final class ModelDatabaseFactory implements ChangeTrackingDatabaseFactory {

    public static final String URL_PREFIX = "jdbc:ctmodel:";

    public static String url(ChangeTrackingModel model) {
        return URL_PREFIX + model.name();
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

    @Override
    public ChangeTrackingDatabase open(ConnectionOptions.Settings connection) {
        if (!connection.url().startsWith(URL_PREFIX)) {
            throw new TrackingException("Not a model URL: " + connection.url(), null, false);
        }
        String name = connection.url().substring(URL_PREFIX.length());
        if (name.contains(";demo=")) {
            int rows = Integer.parseInt(name.substring(name.indexOf(";demo=") + 6));
            name = name.substring(0, name.indexOf(';'));
            demo(name, rows);
        }
        try {
            return new ModelDatabase(ChangeTrackingModel.lookup(name));
        } catch (IllegalStateException e) {
            throw new TrackingException("Cannot open " + connection.url() + ": " + e.getMessage(), e, true);
        }
    }
}
