package io.ctsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on the loopback interface that delays every byte by half the round trip in each direction, so a client
 * behind it sees the database as if across a network with that round-trip time (bandwidth unlimited). It also counts
 * round trips: each time a client sends after the server last answered it waits for a full round trip, so that is
 * one. Pipelined requests (a JDBC batch sent ahead of its replies) cost one round trip, as on a real network. And it
 * counts commits by a marker the database's protocol puts on the wire once per commit ({@link TargetKind}), so round
 * trips can be given per transaction, that is per batch of the sink.
 */
final class LatencyProxy implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final long oneWayNanos;
    private final byte[] commitMarker;
    private final boolean markerFromServer;
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicBoolean open = new AtomicBoolean(true);

    private LatencyProxy(String targetHost, int targetPort, long roundTripMicros, byte[] commitMarker,
                         boolean markerFromServer) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.commitMarker = commitMarker;
        this.markerFromServer = markerFromServer;
        this.oneWayNanos = TimeUnit.MICROSECONDS.toNanos(roundTripMicros) / 2;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "latency-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A proxy in front of {@code host:port} that adds {@code roundTripMicros} to every round trip and counts a commit
     * for each {@code commitMarker} in what the server ({@code markerFromServer}) or the client sends.
     */
    static LatencyProxy start(String host, int port, long roundTripMicros, byte[] commitMarker, boolean markerFromServer)
            throws IOException {
        return new LatencyProxy(host, port, roundTripMicros, commitMarker, markerFromServer);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Round trips and commits through this proxy so far, over all its connections. */
    Counts counts() {
        return new Counts(roundTrips.get(), commits.get());
    }

    /** Round trips and commits at one moment. */
    record Counts(long roundTrips, long commits) {

        Counts since(Counts earlier) {
            return new Counts(roundTrips - earlier.roundTrips, commits - earlier.commits);
        }
    }

    private void accept() {
        while (open.get()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket();
                target.connect(new InetSocketAddress(targetHost, targetPort));
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                Connection connection = new Connection();
                pump(client, target, true, connection);
                pump(target, client, false, connection);
            } catch (IOException e) {
                if (open.get()) {
                    System.err.println("Latency proxy: " + e);
                }
            }
        }
    }

    /** Whether the server has answered since the client last sent: the client's next send is a new round trip. */
    private static final class Connection {
        volatile boolean answered = true;
    }

    /** A chunk of bytes and the moment it may be passed on. */
    private record Chunk(byte[] bytes, long dueNanos) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private void pump(Socket from, Socket to, boolean clientToServer, Connection connection) {
        LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        String direction = clientToServer ? "up" : "down";
        Thread reader = new Thread(() -> read(from, queue, clientToServer, connection), "latency-proxy-read-" + direction);
        Thread writer = new Thread(() -> write(to, queue), "latency-proxy-write-" + direction);
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private void read(Socket from, LinkedBlockingQueue<Chunk> queue, boolean clientToServer, Connection connection) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = from.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (clientToServer) {
                    if (connection.answered) {
                        connection.answered = false;
                        roundTrips.incrementAndGet();
                    }
                } else {
                    connection.answered = true;
                }
                if (clientToServer != markerFromServer) {
                    commits.addAndGet(occurrences(buffer, n, commitMarker));
                }
                queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + oneWayNanos));
            }
        } catch (IOException closed) {
            // The peer went away: pass that on.
        } finally {
            queue.add(END);
        }
    }

    private static int occurrences(byte[] buffer, int length, byte[] word) {
        int found = 0;
        outer:
        for (int i = 0; i + word.length <= length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (buffer[i + j] != word[j]) {
                    continue outer;
                }
            }
            found++;
        }
        return found;
    }

    private static void write(Socket to, LinkedBlockingQueue<Chunk> queue) {
        try (OutputStream out = to.getOutputStream()) {
            while (true) {
                Chunk chunk = queue.take();
                if (chunk == END) {
                    break;
                }
                for (long wait; (wait = chunk.dueNanos() - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException | InterruptedException closed) {
            // The other side went away; the reader's END closes what is left.
        } finally {
            try {
                to.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }

    @Override
    public void close() throws IOException {
        open.set(false);
        server.close();
    }
}
