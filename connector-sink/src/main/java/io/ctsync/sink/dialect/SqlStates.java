package io.ctsync.sink.dialect;

import io.ctsync.sink.failure.FailureKind;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard SQLSTATE classes (SQL:2011, used by PostgreSQL, MariaDB and SQL Server drivers alike), for the
 * part of the classification every dialect shares.
 */
public final class SqlStates {

    private SqlStates() {
    }

    /** The first SQLSTATE in the chain (batch failures wrap the real cause in the next exception). */
    public static String state(SQLException failure) {
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            if (e.getSQLState() != null) {
                return e.getSQLState();
            }
        }
        Throwable cause = failure.getCause();
        return cause instanceof SQLException sql && sql != failure ? state(sql) : null;
    }

    /**
     * Classification by vendor error codes anywhere in the chain (MariaDB, SQL Server), then by SQLSTATE class, else
     * structural.
     */
    public static FailureKind byVendorCode(SQLException failure, Set<Integer> transientCodes, Set<Integer> recordCodes) {
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            if (transientCodes.contains(e.getErrorCode())) {
                return FailureKind.TRANSIENT;
            }
            if (recordCodes.contains(e.getErrorCode())) {
                return FailureKind.RECORD;
            }
        }
        FailureKind standard = standard(failure);
        return standard != null ? standard : FailureKind.STRUCTURAL;
    }

    /** The column a failure's message names, by the dialect's pattern (group 1). */
    public static Optional<String> columnInMessage(SQLException failure, Pattern pattern) {
        Matcher m = pattern.matcher(String.valueOf(failure.getMessage()));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Standard classification, or null when the SQLSTATE class says nothing definite. */
    public static FailureKind standard(SQLException failure) {
        String state = state(failure);
        if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException
                || failure instanceof SQLNonTransientConnectionException) {
            return FailureKind.TRANSIENT;
        }
        if (state == null || state.length() < 2) {
            return null;
        }
        return switch (state.substring(0, 2)) {
            // connection exception; transaction rollback (serialization failure, deadlock)
            case "08", "40" -> FailureKind.TRANSIENT;
            // data exception; integrity constraint violation
            case "22", "23" -> FailureKind.RECORD;
            // syntax error or access rule violation; invalid schema/catalog name; feature not supported
            case "42", "3F", "3D", "0A", "28" -> FailureKind.STRUCTURAL;
            default -> null;
        };
    }
}
