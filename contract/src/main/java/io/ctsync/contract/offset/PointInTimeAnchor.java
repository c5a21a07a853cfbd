package io.ctsync.contract.offset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An operator's rewind to a point in time: "emit every change committed at or after {@code since}". Only an operator
 * writes it (through {@code PATCH /connectors/{name}/offsets}); the task resolves it when it starts to the last
 * Change Tracking version committed before {@code since} and continues from that {@link IncrementalAnchor}, which is
 * what it commits from then on.
 *
 * <pre>
 * {"phase":"incremental", "since":"2026-11-29T00:00:00Z"}
 * {"phase":"incremental", "since":"2026-11-29T00:00:00+01:00", "if_expired":"resnapshot"}
 * </pre>
 *
 * @param since     the time, with its zone offset (an instant, never a local time)
 * @param ifExpired what to do when Change Tracking no longer holds every change since then
 */
public record PointInTimeAnchor(Instant since, IfExpired ifExpired) implements TableAnchor {

    public static final String SINCE = "since";
    public static final String IF_EXPIRED = "if_expired";
    private static final List<String> FIELDS = List.of(FORMAT, PHASE, SIGNAL_OFFSET, SINCE, IF_EXPIRED, ROW_FILTER);
    private static final String WHAT = "Point-in-time offset";

    /** What a rewind to a time older than the table's minimum valid version does. */
    public enum IfExpired {
        /** Refuse it, naming the earliest time still possible (the default). */
        REFUSE,
        /** Re-snapshot the table instead. */
        RESNAPSHOT;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PointInTimeAnchor {
        if (since == null || ifExpired == null) {
            throw new IllegalArgumentException("since and ifExpired are required");
        }
    }

    /** "Every change since {@code since}", refused when some are gone. */
    public static PointInTimeAnchor since(Instant since) {
        return new PointInTimeAnchor(since, IfExpired.REFUSE);
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(FORMAT, CURRENT_FORMAT);
        map.put(PHASE, PHASE_INCREMENTAL);
        map.put(SINCE, DateTimeFormatter.ISO_INSTANT.format(since));
        map.put(IF_EXPIRED, ifExpired.text());
        return map;
    }

    static PointInTimeAnchor read(Map<String, ?> map) {
        if (map.containsKey(IncrementalAnchor.VERSION)) {
            throw new InvalidOffsetException(WHAT + " names both '" + SINCE + "' and '" + IncrementalAnchor.VERSION
                    + "': rewind either to a time or to a version");
        }
        OffsetFields.rejectUnknown(WHAT, map, FIELDS);
        String text = OffsetFields.requiredString(WHAT, map, SINCE);
        Instant since;
        try {
            since = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidOffsetException(WHAT + " field '" + SINCE + "' must be an ISO-8601 time with its zone offset, "
                    + "e.g. '2026-11-29T00:00:00Z' or '2026-11-29T00:00:00+01:00', but was '" + text + "'");
        }
        String choice = OffsetFields.optionalString(WHAT, map, IF_EXPIRED);
        return new PointInTimeAnchor(since, choice == null ? IfExpired.REFUSE : ifExpired(choice));
    }

    private static IfExpired ifExpired(String text) {
        for (IfExpired choice : IfExpired.values()) {
            if (choice.text().equals(text)) {
                return choice;
            }
        }
        throw new InvalidOffsetException(WHAT + " field '" + IF_EXPIRED + "' must be 'refuse' (the default) or "
                + "'resnapshot', but was '" + text + "'");
    }
}
