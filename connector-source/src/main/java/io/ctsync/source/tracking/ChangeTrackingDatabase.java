package io.ctsync.source.tracking;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The captured database as the connector sees it: Change Tracking facts, the tracked tables, and poll cycles.
 * The one implementation that talks to SQL Server is {@code io.ctsync.source.tsql.SqlServerChangeTrackingDatabase},
 * the only code that knows T-SQL. Values cross this interface as plain Java values: Boolean, Short, Integer,
 * Long, Float, Double, BigDecimal, String, byte[], LocalDate, LocalTime, LocalDateTime, OffsetDateTime.
 *
 * <p>Failures surface as {@link TrackingException}.
 */
public interface ChangeTrackingDatabase extends AutoCloseable {

    DatabaseFacts facts();

    /** Every table of {@code sys.change_tracking_tables} the user can see, with its permissions. */
    List<TrackedTable> trackedTables();

    /**
     * Whether the user sees every commit time ({@code sys.dm_tran_commit_table}): Microsoft notes that without
     * {@code VIEW SERVER STATE} the view shows commits only after a {@code CHECKPOINT} persisted them.
     */
    boolean seesCommitTimes();

    /**
     * The databases of this server with Change Tracking enabled that the user may open, by name: the choices for
     * {@code database.include.list}. A database that cannot see the others (Azure SQL Database: a connection reaches
     * only its own database) lists at most itself, which is also the default.
     */
    default List<String> changeTrackingDatabases() {
        DatabaseFacts facts = facts();
        return facts.changeTrackingEnabled() ? List.of(facts.databaseName()) : List.of();
    }

    /** Runs {@code work} in one transaction of the given isolation, committed when it returns. */
    <T> T inCycle(Isolation isolation, Function<ChangeCycle, T> work);

    /**
     * The retention period and the commit times of {@code versions}, for the anchors' retention headroom. Empty where
     * the database does not tell (e.g. no permission to read the commit table).
     */
    default Optional<RetentionFacts> retention(Collection<Long> versions) {
        return Optional.empty();
    }

    @Override
    void close();
}
