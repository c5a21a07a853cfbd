package io.ctsync.launcher;

/** Something the launcher started or reached failed; the message says what and where to look. Exit code 1. */
public final class LaunchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LaunchFailure(String message) {
        super(message);
    }

    public LaunchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
