package io.ctsync.testkit.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the private database servers of a test class share: a free port, the server's OS user, running a program. */
final class PrivateServers {

    private PrivateServers() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Database servers refuse to run as root: as root, they run as their own OS user. */
    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Gives the directory to the server's OS user when running as root. */
    static void giveTo(Path dir, String osUser) throws IOException {
        if (isRoot()) {
            Files.setOwner(dir, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(osUser));
        }
    }

    /** Runs a program to its end (90 s at most); fails with its output when it fails. */
    static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
