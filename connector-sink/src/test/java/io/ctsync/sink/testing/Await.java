package io.ctsync.sink.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Polling waits for the tests: no sleeps. */
public final class Await {

    private Await() {
    }

    public static ConditionFactory upTo(Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions();
    }

    public static <T> T value(String what, Callable<T> supplier, java.util.function.Predicate<T> done) {
        return upTo(Duration.ofSeconds(90)).alias(what).until(supplier, done::test);
    }
}
