package io.ctsync.contract.offset;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A source partition or offset that does not have the shape ctsync writes. The message names the field and
 * says what was expected, because operators see it as the answer to {@code PATCH /connectors/{name}/offsets}.
 */
public class InvalidOffsetException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public InvalidOffsetException(String message) {
        super(message);
    }
}
