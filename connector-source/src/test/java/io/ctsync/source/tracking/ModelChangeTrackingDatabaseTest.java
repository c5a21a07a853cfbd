package io.ctsync.source.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.ctmodel.ModelDatabase;
import io.ctsync.source.ctmodel.ModelDatabaseFactory;
import io.ctsync.source.ctmodel.ModelTransaction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The in-memory Change Tracking model against the port's contract, plus what only the model can show here. */
class ModelChangeTrackingDatabaseTest extends ChangeTrackingDatabaseContract {

    @Override
    protected Scenario newScenario() {
        return new ModelScenario("server-" + UUID.randomUUID());
    }

    @Test
    void currentVersionIsNullWhenChangeTrackingIsOff() {
        ChangeTrackingModel off = ChangeTrackingModel.create("off-" + UUID.randomUUID());
        assertThat(new ModelDatabase(off).facts().changeTrackingEnabled()).isFalse();
    }

    @Test
    void minValidVersionIsNullWithoutViewChangeTracking() {
        scenario.createItems("items", false);
        ((ModelScenario) scenario).model.permissions("dbo", "items", true, false);
        Optional<Long> minValid = db.inCycle(Isolation.SNAPSHOT, c -> c.minValidVersion(ITEMS));
        assertThat(minValid).isEmpty();
    }

    @Test
    void snapshotCyclesFailWhenTheDatabaseDoesNotAllowSnapshotIsolation() {
        ((ModelScenario) scenario).model.allowSnapshotIsolation(false);
        assertThatThrownBy(() -> db.inCycle(Isolation.SNAPSHOT, c -> c.currentVersion()))
                .hasMessageContaining("snapshot isolation");
        long version = db.inCycle(Isolation.READ_COMMITTED, c -> c.currentVersion());
        assertThat(version).isZero();
    }

    /** Drives the model with the contract's statements. */
    static final class ModelScenario implements Scenario {
        final ChangeTrackingModel model;
        private final String server;
        private final Map<String, ChangeTrackingModel> siblings = new HashMap<>();

        ModelScenario(String server) {
            this.server = server;
            this.model = ChangeTrackingModel.create(server, "contract").enableChangeTracking();
        }

        @Override
        public ChangeTrackingDatabase database() {
            return new ModelDatabase(model);
        }

        @Override
        public void createItems(String table, boolean trackColumnsUpdated) {
            model.createTable("dbo", table, ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 100),
                    ModelColumn.of("qty", "int")).track("dbo", table, trackColumnsUpdated);
        }

        @Override
        public void createPairs() {
            model.createTable("dbo", "pairs", ModelColumn.key("a", "int", 1), ModelColumn.key("b", "nvarchar", 2),
                    ModelColumn.sized("note", "nvarchar", 40)).track("dbo", "pairs", false);
        }

        @Override
        public void createKeyed(String table, String type, int size) {
            boolean fractionalSeconds = type.equals("time");
            model.createTable("dbo", table, new ModelColumn("k", type, fractionalSeconds ? 0 : size * 2, 0,
                    fractionalSeconds ? size : 0, false, 1), ModelColumn.of("n", "int")).track("dbo", table, false);
        }

        @Override
        public void transaction(Statement... statements) {
            model.transaction(tx -> apply(tx, statements));
        }

        @Override
        public void transactionWithContext(byte[] context, Statement... statements) {
            model.transaction(context, tx -> apply(tx, statements));
        }

        private static void apply(ModelTransaction tx, Statement... statements) {
            for (Statement statement : statements) {
                if (statement instanceof Insert i) {
                    Map<String, Object> row = new HashMap<>();
                    row.put("id", i.id());
                    row.put("name", i.name());
                    row.put("qty", i.qty());
                    tx.insert("dbo", i.table(), row);
                } else if (statement instanceof InsertPair p) {
                    Map<String, Object> row = new HashMap<>();
                    row.put("a", p.a());
                    row.put("b", p.b());
                    row.put("note", p.note());
                    tx.insert("dbo", "pairs", row);
                } else if (statement instanceof InsertKeyed k) {
                    Map<String, Object> row = new HashMap<>();
                    row.put("k", k.key());
                    row.put("n", k.n());
                    tx.insert("dbo", k.table(), row);
                } else if (statement instanceof Update u) {
                    tx.update("dbo", u.table(), List.of(u.id()), u.set());
                } else if (statement instanceof Delete d) {
                    tx.delete("dbo", d.table(), List.of(d.id()));
                }
            }
        }

        @Override
        public void truncate(String table) {
            model.truncate("dbo", table);
        }

        @Override
        public void cleanupEverything() {
            model.cleanupUpTo(model.currentVersion());
        }

        @Override
        public void addIntColumn(String table, String column) {
            model.addColumn("dbo", table, ModelColumn.of(column, "int"));
        }

        @Override
        public String createSiblingDatabase(boolean changeTracking) {
            String name = "sibling" + (siblings.size() + 1);
            ChangeTrackingModel sibling = ChangeTrackingModel.create(server, name);
            siblings.put(name, sibling);
            if (changeTracking) {
                sibling.enableChangeTracking();
                sibling.createTable("dbo", "items", ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 50),
                        ModelColumn.of("qty", "int")).track("dbo", "items", false);
            }
            return name;
        }

        @Override
        public void insertInSibling(String database, int... ids) {
            ChangeTrackingModel sibling = siblingModel(database);
            for (int id : ids) {
                sibling.insert("dbo", "items", Map.of("id", id));
            }
        }

        private ChangeTrackingModel siblingModel(String database) {
            return siblings.get(database);
        }

        @Override
        public ChangeTrackingDatabase open(String database) {
            return new ModelDatabaseFactory().open(new ConnectionOptions.Settings(ModelDatabaseFactory.url(model), "",
                    null, 0, 0), database);
        }

        @Override
        public void close() {
        }
    }
}
