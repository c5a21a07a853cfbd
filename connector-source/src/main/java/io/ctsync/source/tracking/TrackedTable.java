package io.ctsync.source.tracking;

/**
 * A row of {@code sys.change_tracking_tables}, with the facts the connector plans and checks with.
 *
 * @param rowCountEstimate rows according to the catalog's statistics, or -1 when unknown (used to balance tasks)
 * @param canSelect        the connector's user may SELECT from the table
 * @param canViewChanges   the connector's user has VIEW CHANGE TRACKING on the table
 */
public record TrackedTable(TableId id, boolean trackColumnsUpdated, long rowCountEstimate, boolean canSelect,
                           boolean canViewChanges) {
}
