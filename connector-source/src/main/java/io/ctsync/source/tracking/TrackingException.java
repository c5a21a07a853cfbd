package io.ctsync.source.tracking;

import org.apache.kafka.connect.errors.ConnectException;

/** The database could not answer. {@link #isTransient()} says whether trying again (reconnected) may help. */
public class TrackingException extends ConnectException {

    private static final long serialVersionUID = 1L;
    private final boolean transientFailure;

    public TrackingException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
