package io.ctsync.launcher;

/** A command line the launcher cannot act on; the message names what to fix. Exit code 2. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
