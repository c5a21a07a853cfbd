package io.ctsync.contract.event;

import java.util.Arrays;
import java.util.Optional;

/** The {@code op} of a change event, with the one-letter codes Debezium uses. */
public enum Operation {
    /** A row read by a snapshot. */
    READ("r"),
    CREATE("c"),
    UPDATE("u"),
    DELETE("d");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The operation for a code, or empty when the code is not one of {@code r c u d}. */
    public static Optional<Operation> forCode(String code) {
        return Arrays.stream(values()).filter(op -> op.code.equals(code)).findFirst();
    }
}
