package io.ctsync.bench.converter;

import io.ctsync.json.FastJsonConverter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;

/**
 * Kafka's JsonConverter against ctsync's FastJsonConverter on the same Debezium change events (30 columns, schemas
 * enabled): records/s and MB/s of JSON for reading (toConnectData, what a sink's worker does per record) and
 * writing (fromConnectData, a source's worker), on one thread, measured by the thread's CPU time. Alternates the
 * two converters over several rounds and reports the median, after a warm-up. Not JMH: a program that prints
 * numbers; run it with benchmarks/run-converter-benchmark.sh.
 */
public final class ConverterBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ConverterBenchmark() {
    }

    record Options(int records, int rounds, double secondsPerRound, String decimalFormat) {
        static Options parse(String... args) {
            int records = 20_000;
            int rounds = 5;
            double seconds = 2.0;
            String decimals = "BASE64";
            for (int i = 0; i < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--records" -> records = Integer.parseInt(value);
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--seconds-per-round" -> seconds = Double.parseDouble(value);
                    case "--decimal-format" -> decimals = value.toUpperCase(Locale.ROOT);
                    default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; options: --records N "
                            + "--rounds N --seconds-per-round S --decimal-format BASE64|NUMERIC");
                }
            }
            return new Options(records, rounds, seconds, decimals);
        }
    }

    /** Throughput of one operation over the record set. */
    record Throughput(String converter, String operation, double recordsPerSecond, double megabytesPerSecond) {
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        List<Throughput> results = run(options);
        System.out.println(markdown(options, results));
    }

    static List<Throughput> run(Options options) {
        Map<String, Object> config = Map.of("schemas.enable", true, "decimal.format", options.decimalFormat());
        JsonConverter kafka = new JsonConverter();
        kafka.configure(config, false);
        FastJsonConverter ours = new FastJsonConverter();
        ours.configure(config, false);

        List<Struct> values = DebeziumRecords.generate(options.records(), 42);
        byte[][] json = new byte[values.size()][];
        long bytes = 0;
        for (int i = 0; i < json.length; i++) {
            json[i] = kafka.fromConnectData("bench", DebeziumRecords.ENVELOPE, values.get(i));
            bytes += json[i].length;
        }
        checkSameResults(kafka, ours, values, json);
        System.out.printf(Locale.ROOT, "%,d records, %,d bytes of JSON (%,d a record on average)%n", json.length, bytes,
                bytes / json.length);

        List<Throughput> results = new ArrayList<>();
        results.addAll(compare("toConnectData (read)", bytes, options,
                () -> () -> read(kafka, json), () -> () -> read(ours, json)));
        results.addAll(compare("fromConnectData (write)", bytes, options,
                () -> () -> write(kafka, values), () -> () -> write(ours, values)));
        return results;
    }

    /** The benchmark would mean nothing if ours gave other results than Kafka's on these records. */
    private static void checkSameResults(JsonConverter kafka, FastJsonConverter ours, List<Struct> values, byte[][] json) {
        for (int i = 0; i < json.length; i++) {
            if (!Arrays.equals(ours.fromConnectData("bench", DebeziumRecords.ENVELOPE, values.get(i)), json[i])) {
                throw new IllegalStateException("FastJsonConverter wrote other bytes than JsonConverter for record " + i);
            }
            SchemaAndValue expected = kafka.toConnectData("bench", json[i]);
            SchemaAndValue actual = ours.toConnectData("bench", json[i]);
            if (!Objects.equals(expected.schema(), actual.schema()) || !Objects.equals(expected.value(), actual.value())) {
                throw new IllegalStateException("FastJsonConverter read record " + i + " otherwise than JsonConverter");
            }
        }
    }

    private static List<Throughput> compare(String operation, long bytes, Options options, Supplier<Runnable> kafka,
                                            Supplier<Runnable> ours) {
        Runnable kafkaPass = kafka.get();
        Runnable oursPass = ours.get();
        timePasses(kafkaPass, options.secondsPerRound());
        timePasses(oursPass, options.secondsPerRound());
        double[] kafkaRates = new double[options.rounds()];
        double[] oursRates = new double[options.rounds()];
        for (int round = 0; round < options.rounds(); round++) {
            kafkaRates[round] = timePasses(kafkaPass, options.secondsPerRound());
            oursRates[round] = timePasses(oursPass, options.secondsPerRound());
        }
        double kafkaPasses = median(kafkaRates);
        double oursPasses = median(oursRates);
        return List.of(
                new Throughput("Kafka JsonConverter", operation, kafkaPasses * options.records(), kafkaPasses * bytes / 1e6),
                new Throughput("ctsync FastJsonConverter", operation, oursPasses * options.records(), oursPasses * bytes / 1e6));
    }

    /** Passes over the record set per CPU-second of this thread, running passes for about {@code seconds}. */
    private static double timePasses(Runnable pass, double seconds) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        int passes = 0;
        do {
            pass.run();
            passes++;
        } while (System.nanoTime() < deadline);
        return passes / ((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    private static volatile Object sink;

    private static void read(Converter converter, byte[][] json) {
        for (byte[] record : json) {
            sink = converter.toConnectData("bench", record);
        }
    }

    private static void write(Converter converter, List<Struct> values) {
        for (Struct value : values) {
            sink = converter.fromConnectData("bench", DebeziumRecords.ENVELOPE, value);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static String markdown(Options options, List<Throughput> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## Converter benchmark: %,d Debezium change events (30 columns), "
                        + "schemas.enable=true, decimal.format=%s; median of %d rounds; JVM %s%n%n", options.records(),
                options.decimalFormat(), options.rounds(), System.getProperty("java.version")));
        out.append("| operation | converter | records/s (per CPU-second) | MB/s of JSON | vs Kafka |\n");
        out.append("|---|---|---:|---:|---:|\n");
        for (Throughput t : results) {
            Throughput kafka = results.stream().filter(r -> r.operation().equals(t.operation())
                    && r.converter().startsWith("Kafka")).findFirst().orElseThrow();
            out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.1f | %.2f× |%n", t.operation(), t.converter(),
                    t.recordsPerSecond(), t.megabytesPerSecond(), t.recordsPerSecond() / kafka.recordsPerSecond()));
        }
        return out.toString();
    }
}
