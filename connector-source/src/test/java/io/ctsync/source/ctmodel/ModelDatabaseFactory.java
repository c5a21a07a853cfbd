package io.ctsync.source.ctmodel;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.ChangeTrackingDatabaseFactory;
import io.ctsync.source.tracking.TrackingException;

/**
 * Opens {@code jdbc:ctmodel:<name>} as a connection to the {@link ChangeTrackingModel} of that name. Selected by the
 * connector's internal option {@code ctsync.database.factory} in tests.
 */
public final class ModelDatabaseFactory implements ChangeTrackingDatabaseFactory {

    public static final String URL_PREFIX = "jdbc:ctmodel:";

    public static String url(ChangeTrackingModel model) {
        return URL_PREFIX + model.name();
    }

    @Override
    public ChangeTrackingDatabase open(ConnectionOptions.Settings connection) {
        if (!connection.url().startsWith(URL_PREFIX)) {
            throw new TrackingException("Not a model URL: " + connection.url(), null, false);
        }
        String name = connection.url().substring(URL_PREFIX.length());
        try {
            return new ModelDatabase(ChangeTrackingModel.lookup(name));
        } catch (IllegalStateException e) {
            throw new TrackingException("Cannot open " + connection.url() + ": " + e.getMessage(), e, true);
        }
    }
}
