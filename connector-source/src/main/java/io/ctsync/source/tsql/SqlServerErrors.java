package io.ctsync.source.tsql;

import io.ctsync.source.tracking.TrackingException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/** The one place that decides whether a SQL Server error is transient (retry, reconnecting) or not. */
final class SqlServerErrors {

    /**
     * Deadlock victim (1205), lock timeout (1222), snapshot transaction conflicting with concurrent DDL (3961),
     * database in transition or unavailable (4060, 40613, 40197, 40501, 49918-49920, 10928, 10929, 4221), network
     * errors surfaced as SQL errors (233, 10053, 10054, 10060, 64, 121).
     */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1205, 1222, 3961, 4060, 40613, 40197, 40501, 49918, 49919,
            49920, 10928, 10929, 4221, 233, 10053, 10054, 10060, 64, 121);

    private SqlServerErrors() {
    }

    static boolean isTransient(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if (s instanceof SQLTransientException || s instanceof SQLRecoverableException
                    || (state != null && state.startsWith("08")) || TRANSIENT_CODES.contains(s.getErrorCode())) {
                return true;
            }
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("connection is closed") || message.contains("connection reset");
    }

    static TrackingException translate(String what, SQLException e) {
        return new TrackingException(what + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ", error "
                + e.getErrorCode() + ")", e, isTransient(e));
    }
}
