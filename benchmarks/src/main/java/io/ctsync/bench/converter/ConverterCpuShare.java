package io.ctsync.bench.converter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The converter's share of each sink task's CPU, from a JFR recording of a sink benchmark run: of the execution
 * samples taken on a task thread ({@code task-thread-<connector>-<n>}), the fraction with a converter's
 * {@code toConnectData} on the stack. Record with
 * {@code -XX:StartFlightRecording=filename=sink.jfr,settings=profile} (see benchmarks/README.md).
 */
public final class ConverterCpuShare {

    private static final List<String> CONVERTER_FRAMES = List.of(
            "org.apache.kafka.connect.json.JsonConverter.toConnectData",
            "io.ctsync.json.FastJsonConverter.toConnectData",
            "io.apicurio.registry.utils.converter.AvroConverter.toConnectData");

    private ConverterCpuShare() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: ConverterCpuShare <recording.jfr>");
        }
        Map<String, long[]> perThread = new TreeMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            String thread = event.getThread("sampledThread") == null ? "" : event.getThread("sampledThread").getJavaName();
            if (thread == null || !thread.startsWith("task-thread-")) {
                continue;
            }
            long[] counts = perThread.computeIfAbsent(thread, t -> new long[2]);
            counts[0]++;
            if (inConverter(event.getStackTrace())) {
                counts[1]++;
            }
        }
        System.out.println("| sink task thread | samples | in the converter's toConnectData |");
        System.out.println("|---|---:|---:|");
        perThread.forEach((thread, counts) -> System.out.printf(Locale.ROOT, "| %s | %,d | %.0f %% |%n", thread, counts[0],
                100.0 * counts[1] / counts[0]));
    }

    private static boolean inConverter(RecordedStackTrace stack) {
        if (stack == null) {
            return false;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
            if (CONVERTER_FRAMES.contains(method)) {
                return true;
            }
        }
        return false;
    }
}
