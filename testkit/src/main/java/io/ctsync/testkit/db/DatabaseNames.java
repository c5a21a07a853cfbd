package io.ctsync.testkit.db;

import java.util.Locale;
import java.util.UUID;

/** Unique, recognisable database names: {@code ctsync_<testclass>_<random>}, so leftovers are easy to spot. */
final class DatabaseNames {

    private static final int MAX_LENGTH = 60;

    private DatabaseNames() {
    }

    static String forTestClass(Class<?> testClass) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        String prefix = "ctsync_" + base;
        int room = MAX_LENGTH - suffix.length() - 1;
        return (prefix.length() > room ? prefix.substring(0, room) : prefix) + "_" + suffix;
    }
}
