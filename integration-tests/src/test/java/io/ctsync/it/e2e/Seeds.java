package io.ctsync.it.e2e;

import java.security.SecureRandom;

/** A fresh seed per scenario, or the one given with {@code -Dctsync.e2e.seed=<n>} to reproduce a failure. */
final class Seeds {

    static final String PROPERTY = "ctsync.e2e.seed";
    private static final SecureRandom FRESH = new SecureRandom();

    private Seeds() {
    }

    static long next(String scenario) {
        String given = System.getProperty(PROPERTY);
        long seed = given == null || given.isBlank() ? FRESH.nextLong() : Long.parseLong(given.trim());
        System.out.println("E2E " + scenario + ": seed " + seed + " (reproduce with -D" + PROPERTY + "=" + seed + ")");
        return seed;
    }
}
