package io.ctsync.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Checks that a port this launcher will listen on is free, so a clash gets a clear message instead of a stack. */
final class Ports {

    private Ports() {
    }

    static void requireFree(int port, String option) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("localhost"))) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new LaunchFailure("Port " + port + " on localhost is in use (another ./ctsync or Kafka?): stop it or "
                    + "choose another with " + option);
        }
    }
}
