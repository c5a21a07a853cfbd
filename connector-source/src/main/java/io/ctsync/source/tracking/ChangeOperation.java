package io.ctsync.source.tracking;

/** {@code SYS_CHANGE_OPERATION}, relative to the baseline version the changes were asked for. */
public enum ChangeOperation {
    INSERT("I"), UPDATE("U"), DELETE("D");

    private final String code;

    ChangeOperation(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ChangeOperation ofCode(String code) {
        for (ChangeOperation op : values()) {
            if (op.code.equals(code == null ? null : code.trim())) {
                return op;
            }
        }
        throw new IllegalArgumentException("Unknown SYS_CHANGE_OPERATION '" + code + "'");
    }
}
