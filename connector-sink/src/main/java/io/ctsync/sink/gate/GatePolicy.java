package io.ctsync.sink.gate;

import io.ctsync.sink.config.VersionMode;
import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.schema.TableDefinition;

/**
 * The whole reading of {@code sync.version.mode}: whether there is a gate, which events it holds to their version,
 * and where each table keeps its applied versions (a version column, which the gated upsert then checks in SQL, or
 * the sink state table). Nothing else looks at the mode: layouts, dialects and the batch only see the outcome (a
 * layout with or without a version column, rows whose state is read or not).
 */
public final class GatePolicy {

    private final VersionMode mode;
    private final String versionColumn;

    public GatePolicy(VersionMode mode, String versionColumn) {
        this.mode = mode;
        this.versionColumn = versionColumn;
    }

    /** False for {@code off}: every event is applied in arrival order. */
    public boolean enabled() {
        return mode != VersionMode.OFF;
    }

    /** True when the gate compares this event's version with the row's (events without a version pass ungated). */
    public boolean gates(ChangeEvent event) {
        return enabled() && event.version() != null;
    }

    /** The configured name of the version column ({@code sync.version.column}). */
    public String versionColumn() {
        return versionColumn;
    }

    /** Whether a table the sink creates for this event gets the version column. */
    public boolean createsVersionColumn(ChangeEvent event) {
        return mode == VersionMode.COLUMN || (mode == VersionMode.AUTO && event.version() != null);
    }

    /**
     * The version column of this table as the table spells it, or null when its versions do not live in a column
     * (no gate, {@code table} mode, or {@code auto} and the table has none).
     */
    public String existingVersionColumn(TableDefinition definition) {
        if (mode == VersionMode.OFF || mode == VersionMode.TABLE) {
            return null;
        }
        return definition.column(versionColumn).map(c -> c.name()).orElse(null);
    }

    /** True in {@code column} mode: a table without the version column gets it added (or the task stops). */
    public boolean requiresVersionColumn() {
        return mode == VersionMode.COLUMN;
    }

    /** True when a table whose version column is {@code column} (null: none) keeps its versions in the state table. */
    public boolean versionsInStateTable(String column) {
        return enabled() && column == null;
    }
}
