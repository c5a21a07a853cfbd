package io.ctsync.it.e2e;

import io.ctsync.source.ctmodel.ModelColumn;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The source database a pipeline reads: the simulated SQL Server (in-memory Change Tracking model) here, a real SQL
 * Server where Docker runs. The workload writes through it; the comparison reads its rows as the model holds them
 * (the Java types mssql-jdbc returns for each column type).
 */
interface SourceDatabase {

    /** The statements of one transaction. */
    interface Statements {
        void insert(String table, Map<String, Object> row);

        void update(String table, List<Object> key, Map<String, Object> set);

        void delete(String table, List<Object> key);
    }

    /** {@code CREATE TABLE} with the primary key of the columns' key ordinals, then Change Tracking on it. */
    void createTrackedTable(String table, List<ModelColumn> columns, boolean trackColumnsUpdated);

    void addColumn(String table, ModelColumn column);

    void transaction(Consumer<Statements> statements);

    /** {@code TRUNCATE TABLE}. */
    void truncate(String table);

    List<Map<String, Object>> rows(String table);

    /** The source connector's connection options for this database. */
    Map<String, String> connectorOptions();
}
