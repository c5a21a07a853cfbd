package io.ctsync.source.capture;

import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.source.ctmodel.ModelTransaction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The tables the capture tests use: dbo.&lt;name&gt;(id int PRIMARY KEY, name nvarchar(50), qty int), tracked. */
final class Items {

    private Items() {
    }

    static void create(ChangeTrackingModel model, String table, boolean trackColumns) {
        model.createTable("dbo", table, ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 100),
                ModelColumn.of("qty", "int")).track("dbo", table, trackColumns);
    }

    static Map<String, Object> row(int id, String name, Integer qty) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("qty", qty);
        return row;
    }

    /** Inserts ids from..to (inclusive), one transaction. */
    static long insertRange(ChangeTrackingModel model, String table, int from, int to) {
        return model.transaction(tx -> {
            for (int id = from; id <= to; id++) {
                tx.insert("dbo", table, row(id, "item " + id, id));
            }
        });
    }

    static ModelTransaction set(ModelTransaction tx, String table, int id, String column, Object value) {
        Map<String, Object> set = new HashMap<>();
        set.put(column, value);
        return tx.update("dbo", table, List.of(id), set);
    }
}
