package io.ctsync.source;

import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.ChangeTrackingDatabaseFactory;
import org.apache.kafka.common.config.ConfigException;

/** Instantiates the factory named by {@code ctsync.database.factory}, from the plugin's own class loader. */
final class DatabaseFactories {

    private DatabaseFactories() {
    }

    static ChangeTrackingDatabaseFactory of(SourceConnectorConfig config) {
        String name = config.databaseFactoryClass();
        try {
            Class<?> type = Class.forName(name, true, DatabaseFactories.class.getClassLoader());
            return (ChangeTrackingDatabaseFactory) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new ConfigException(SourceConnectorConfig.DATABASE_FACTORY, name,
                    "is not a ChangeTrackingDatabaseFactory with a public no-argument constructor: " + e);
        }
    }

    static ChangeTrackingDatabase open(SourceConnectorConfig config) {
        return of(config).open(config.connection());
    }
}
