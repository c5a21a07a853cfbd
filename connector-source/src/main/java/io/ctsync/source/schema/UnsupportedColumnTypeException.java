package io.ctsync.source.schema;

import org.apache.kafka.connect.errors.ConnectException;

/** A captured column has a type the connector cannot represent; the message names the table and column. */
public class UnsupportedColumnTypeException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public UnsupportedColumnTypeException(String message) {
        super(message);
    }
}
