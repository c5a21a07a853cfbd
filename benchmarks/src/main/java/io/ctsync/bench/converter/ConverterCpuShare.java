package io.ctsync.bench.converter;

import io.ctsync.bench.ContenderRunEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The converter's share of each sink task's CPU, from a JFR recording of a sink benchmark run: of the execution
 * samples taken in a sink task ({@code WorkerSinkTask} on the stack, or ctsync's writer thread, which does the task's
 * database work) during a contender's run, the fraction with a converter's {@code toConnectData} on the stack. Record with
 * {@code -XX:StartFlightRecording=filename=sink.jfr,settings=profile} (see benchmarks/README.md).
 */
public final class ConverterCpuShare {

    private static final List<String> CONVERTER_FRAMES = List.of(
            "org.apache.kafka.connect.json.JsonConverter.toConnectData",
            "io.ctsync.json.FastJsonConverter.toConnectData",
            "io.apicurio.registry.utils.converter.AvroConverter.toConnectData",
            // AvroConverter inherits toConnectData: the frame names the class that declares it.
            "io.apicurio.registry.utils.converter.SerdeBasedConverter.toConnectData");
    private static final String SINK_TASK = "org.apache.kafka.connect.runtime.WorkerSinkTask";
    /** The name prefix of the thread on which ctsync's sink task writes its batches (BackgroundWriter). */
    private static final String CTSYNC_WRITER_THREAD = "ctsync-sink-writer-";

    private ConverterCpuShare() {
    }

    /** One contender's run and the task samples taken during it. */
    private static final class Run {
        final String label;
        final Instant start;
        final Instant end;
        long samples;
        long inConverter;

        Run(RecordedEvent event) {
            label = event.getString("target") + " | " + event.getString("format") + " | " + event.getString("contender");
            start = event.getStartTime();
            end = event.getEndTime();
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: ConverterCpuShare <recording.jfr>");
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(Path.of(args[0]));
        List<Run> runs = new ArrayList<>();
        for (RecordedEvent event : events) {
            if (event.getEventType().getName().equals(ContenderRunEvent.NAME)) {
                runs.add(new Run(event));
            }
        }
        for (RecordedEvent event : events) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            Frames frames = Frames.of(event.getStackTrace());
            if (!frames.inSinkTask && !onWriterThread(event)) {
                continue;
            }
            for (Run run : runs) {
                if (!event.getStartTime().isBefore(run.start) && !event.getStartTime().isAfter(run.end)) {
                    run.samples++;
                    run.inConverter += frames.inConverter ? 1 : 0;
                }
            }
        }
        System.out.println("| target | format | contender | sink task samples | in the converter's toConnectData |");
        System.out.println("|---|---|---|---:|---:|");
        for (Run run : runs) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %.0f %% |%n", run.label, run.samples,
                    run.samples == 0 ? 0.0 : 100.0 * run.inConverter / run.samples);
        }
    }

    private static boolean onWriterThread(RecordedEvent sample) {
        RecordedThread thread = sample.getThread("sampledThread");
        return thread != null && thread.getJavaName() != null && thread.getJavaName().startsWith(CTSYNC_WRITER_THREAD);
    }

    private record Frames(boolean inSinkTask, boolean inConverter) {
        static Frames of(RecordedStackTrace stack) {
            boolean task = false;
            boolean converter = false;
            if (stack != null) {
                for (RecordedFrame frame : stack.getFrames()) {
                    String type = frame.getMethod().getType().getName();
                    task |= type.equals(SINK_TASK);
                    converter |= CONVERTER_FRAMES.contains(type + "." + frame.getMethod().getName());
                }
            }
            return new Frames(task, converter);
        }
    }
}
