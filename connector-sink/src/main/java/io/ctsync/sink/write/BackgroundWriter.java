package io.ctsync.sink.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SinkWriter} on a thread of its own, so that the task thread converts and gathers the next batch while the
 * target writes this one, with at most one batch in flight. Every call into the writer runs on that thread in call
 * order, so the writer stays single-threaded. What the task thread needs from it crosses over explicitly: the offsets
 * the target holds (published after each call) and the seeks the writer asks for (stored offsets read late), which
 * only the task thread may hand to Connect.
 */
public final class BackgroundWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWriter.class);

    private final ExecutorService thread;
    private final SinkWriter writer;
    private final Queue<Map<TopicPartition, Long>> seeks = new ConcurrentLinkedQueue<>();
    private volatile Map<TopicPartition, Long> committed = Map.of();
    private InFlight inFlight;

    /** How a batch handed to the writer thread ended: its records, and the failure (null: committed). */
    public record Ended(List<SinkRecord> records, Exception failure) {
    }

    private record InFlight(List<SinkRecord> records, Future<Void> result) {
    }

    /** @param create builds the writer, given where it sends its seeks */
    public BackgroundWriter(String threadName, Function<Consumer<Map<TopicPartition, Long>>, SinkWriter> create) {
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        });
        this.writer = create.apply(seeks::add);
    }

    /** The writer, for what is safe from any thread: its classifier, dialect and counters. */
    public SinkWriter writer() {
        return writer;
    }

    /** New partitions: their stored offsets are read (after the batch in flight) before this returns. */
    public void assign(Collection<TopicPartition> partitions) throws InterruptedException {
        call(() -> {
            writer.assign(partitions);
            return null;
        });
    }

    /** Partitions gone: after the batch in flight, the writer forgets them. */
    public void revoke(Collection<TopicPartition> partitions) throws InterruptedException {
        call(() -> {
            writer.revoke(partitions);
            return null;
        });
    }

    /** True when no batch is in flight (or the one in flight has ended and was not taken yet). */
    public boolean idle() {
        return inFlight == null;
    }

    /**
     * Hands these records (an empty list: only the parked records due) to the writer thread, which owns them from now
     * on: the caller must not change the list. Nothing may be in flight.
     */
    public void submit(List<SinkRecord> batch) {
        if (inFlight != null) {
            throw new IllegalStateException("A batch is in flight already");
        }
        inFlight = new InFlight(batch, thread.submit(() -> {
            try {
                writer.write(batch);
                writer.maintain();
                return null;
            } finally {
                committed = writer.committed();
            }
        }));
    }

    /**
     * The batch in flight once it has ended, waiting for it when {@code wait}; null when none is in flight or it has not
     * ended (and not {@code wait}). It is then no longer in flight.
     */
    public Ended takeEnded(boolean wait) throws InterruptedException {
        if (inFlight == null || (!wait && !inFlight.result().isDone())) {
            return null;
        }
        InFlight ended = inFlight;
        inFlight = null;
        try {
            ended.result().get();
            return new Ended(ended.records(), null);
        } catch (ExecutionException e) {
            return new Ended(ended.records(), e.getCause() instanceof Exception cause ? cause : new RuntimeException(e.getCause()));
        }
    }

    /** What the target holds per partition, as of the last call that ended. */
    public Map<TopicPartition, Long> committed() {
        return committed;
    }

    /** The seeks the writer asked for since the last call, oldest first. */
    public List<Map<TopicPartition, Long>> takeSeeks() {
        List<Map<TopicPartition, Long>> out = new ArrayList<>();
        for (Map<TopicPartition, Long> seek; (seek = seeks.poll()) != null; ) {
            out.add(seek);
        }
        return out;
    }

    /** Logs the flush summary on the writer thread, after the batch in flight, without waiting for it. */
    public void logFlushSummary() {
        thread.execute(writer::logFlushSummary);
    }

    /** Lets the batch in flight end (its transaction commits or rolls back), then closes the writer and the thread. */
    @Override
    public void close() {
        thread.execute(writer::close);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("The sink's writer thread did not end within 60 s of the task's stop; leaving it to end alone");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> T call(Callable<T> job) throws InterruptedException {
        try {
            return thread.submit(() -> {
                try {
                    return job.call();
                } finally {
                    committed = writer.committed();
                }
            }).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
