package io.ctsync.contract.event;

/** Values of the {@code source.snapshot} field, as Debezium defines them. */
public enum SnapshotMarker {
    TRUE("true"),
    LAST("last"),
    FALSE("false");

    private final String value;

    SnapshotMarker(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
