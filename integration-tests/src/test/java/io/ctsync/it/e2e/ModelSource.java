package io.ctsync.it.e2e;

import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.source.ctmodel.ModelDatabaseFactory;
import io.ctsync.source.ctmodel.ModelTransaction;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The simulated SQL Server, reached from inside the Connect workers through {@code connection.url=jdbc:ctmodel:<name>}
 * and the source's internal option {@code ctsync.database.factory} (the workers run in this JVM).
 */
final class ModelSource implements SourceDatabase {

    private final ChangeTrackingModel model;

    ModelSource(String name) {
        this.model = ChangeTrackingModel.create(name).enableChangeTracking();
    }

    ChangeTrackingModel model() {
        return model;
    }

    @Override
    public void createTrackedTable(String table, List<ModelColumn> columns, boolean trackColumnsUpdated) {
        model.createTable(SourceTables.SCHEMA, table, columns.toArray(ModelColumn[]::new));
        model.track(SourceTables.SCHEMA, table, trackColumnsUpdated);
    }

    @Override
    public void addColumn(String table, ModelColumn column) {
        model.addColumn(SourceTables.SCHEMA, table, column);
    }

    @Override
    public void transaction(Consumer<Statements> statements) {
        model.transaction(tx -> statements.accept(new ModelStatements(tx)));
    }

    @Override
    public void truncate(String table) {
        model.truncate(SourceTables.SCHEMA, table);
    }

    @Override
    public List<Map<String, Object>> rows(String table) {
        return model.rows(SourceTables.SCHEMA, table);
    }

    @Override
    public Map<String, String> connectorOptions() {
        return Map.of("connection.url", ModelDatabaseFactory.url(model),
                "ctsync.database.factory", ModelDatabaseFactory.class.getName());
    }

    private record ModelStatements(ModelTransaction tx) implements Statements {
        @Override
        public void insert(String table, Map<String, Object> row) {
            tx.insert(SourceTables.SCHEMA, table, row);
        }

        @Override
        public void update(String table, List<Object> key, Map<String, Object> set) {
            tx.update(SourceTables.SCHEMA, table, key, set);
        }

        @Override
        public void delete(String table, List<Object> key) {
            tx.delete(SourceTables.SCHEMA, table, key);
        }
    }
}
