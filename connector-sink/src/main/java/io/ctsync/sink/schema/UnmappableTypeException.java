package io.ctsync.sink.schema;

/** A field whose Connect schema no column type can hold. */
public class UnmappableTypeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnmappableTypeException(String message) {
        super(message);
    }
}
