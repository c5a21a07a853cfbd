package io.ctsync.launcher;

/** Waiting between polls; an interrupt (Ctrl-C) ends the command. */
final class Sleeps {

    private Sleeps() {
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("Interrupted", e);
        }
    }
}
