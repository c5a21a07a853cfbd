package io.ctsync.launcher;

import java.io.IOException;
import java.io.InputStream;

/**
 * The broker's child process: Kafka's own entry point ({@code kafka.Kafka}), plus a watch on standard input so the
 * broker stops (through Kafka's shutdown hook) when the launcher that started it goes away, however it went.
 */
public final class BrokerProcess {

    private BrokerProcess() {
    }

    public static void main(String[] args) {
        Thread watch = new Thread(() -> {
            try (InputStream parent = System.in) {
                while (parent.read() >= 0) {
                    // nothing is sent; end of stream means the launcher is gone
                }
            } catch (IOException ignored) {
                // the same: the pipe broke
            }
            System.exit(0);
        }, "launcher-watch");
        watch.setDaemon(true);
        watch.start();
        kafka.Kafka.main(args);
    }
}
