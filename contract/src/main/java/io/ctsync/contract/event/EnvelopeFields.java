package io.ctsync.contract.event;

/** Field names of the change-event envelope (the record value), as Debezium names them. */
public final class EnvelopeFields {
    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String SOURCE = "source";
    public static final String OP = "op";
    /** When the connector built the event (epoch millis), not when the change was committed. */
    public static final String TS_MS = "ts_ms";
    /**
     * ctsync's own optional field, declared in every envelope schema: null in change events, the marker's fields in a
     * snapshot control record (see {@link SnapshotControl}). Debezium's {@code transaction} block is the precedent: an
     * optional struct every envelope declares and most events leave null.
     */
    public static final String CONTROL = "control";

    private EnvelopeFields() {
    }
}
