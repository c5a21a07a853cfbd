package io.ctsync.testkit;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * What a test does when a server it needs is not there: outside CI it is skipped with a message saying what is
 * missing and how to provide it; in CI ({@code CI=true}) it fails, because a skipped test proves nothing.
 */
public final class RequiredService {

    private RequiredService() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or, in CI, fails) the current test class. Never returns. */
    public static RuntimeException unavailable(String service, String howToProvide, Throwable cause) {
        String message = service + " is not reachable (" + cause.getMessage() + "). " + howToProvide;
        if (inCi()) {
            AssertionFailedError failure = new AssertionFailedError("CI=true and " + message);
            failure.initCause(cause);
            throw failure;
        }
        throw new TestAbortedException("Skipped: " + message + " (with CI=true this fails instead)", cause);
    }

    /** A setting from a system property, then the environment, then the default. */
    public static String setting(String name, String defaultValue) {
        String property = System.getProperty(name.toLowerCase().replace('_', '.'));
        if (property != null) {
            return property;
        }
        String env = System.getenv(name);
        return env != null ? env : defaultValue;
    }
}
