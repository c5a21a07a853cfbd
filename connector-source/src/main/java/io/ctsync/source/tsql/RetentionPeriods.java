package io.ctsync.source.tsql;

import io.ctsync.source.tracking.TrackingException;
import java.time.Duration;

/** {@code sys.change_tracking_databases.retention_period} in its unit ({@code retention_period_units_desc}). */
final class RetentionPeriods {

    private RetentionPeriods() {
    }

    static Duration of(long period, String unit) {
        return switch (unit.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "MINUTES" -> Duration.ofMinutes(period);
            case "HOURS" -> Duration.ofHours(period);
            case "DAYS" -> Duration.ofDays(period);
            default -> throw new TrackingException("Unknown Change Tracking retention unit '" + unit + "'", null, false);
        };
    }
}
