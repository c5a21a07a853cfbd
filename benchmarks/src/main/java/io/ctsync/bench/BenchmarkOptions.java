package io.ctsync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Command-line options of the sink benchmark. */
record BenchmarkOptions(int events, int batchSize, long seed, List<TargetKind> targets, List<Format> formats,
                        List<ContenderKind> contenders, Duration timeout, boolean warmup) {

    static final String USAGE = """
            Usage: SinkBenchmark [--events N] [--batch-size N] [--seed N] [--targets postgresql,mariadb]
                                 [--formats json,json-fast,avro]
                                 [--contenders raw,raw-pipeline,ctsync-defaults,ctsync-tuned,ctsync-ungated,
                                               ctsync-conflicts,debezium,ctsync-rtt1,ctsync-rtt5,ctsync-statements]
                                 [--timeout-minutes N] [--no-warmup]
              --events          change events in the topic (default 500000)
              --batch-size      batch size of the tuned ctsync run, Debezium and the raw limit (default 5000)
              --targets         target databases (default postgresql,mariadb)
              --formats         topic formats (default json): json (Kafka's JsonConverter), json-fast (the same
                                JSON through ctsync's FastJsonConverter), avro
              --contenders      which runs to make (default all but ctsync-rtt1, ctsync-rtt5 and ctsync-statements,
                                which is PostgreSQL only)
              --no-warmup       skip the unreported warm-up run (ctsync, tuned) before each target and format's
                                contenders, so that the first contender pays the JIT's warm-up as no other does
            """;

    static BenchmarkOptions parse(String... args) {
        int events = 500_000;
        int batchSize = 5_000;
        long seed = 42;
        List<TargetKind> targets = List.of(TargetKind.POSTGRESQL, TargetKind.MARIADB);
        List<Format> formats = List.of(Format.JSON);
        List<ContenderKind> contenders = Arrays.stream(ContenderKind.values()).filter(ContenderKind::inDefaultRun).toList();
        Duration timeout = Duration.ofMinutes(20);
        boolean warmup = true;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-warmup")) {
                warmup = false;
                continue;
            }
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--events" -> events = positive(args[i], value);
                case "--batch-size" -> batchSize = positive(args[i], value);
                case "--seed" -> seed = Long.parseLong(required(args[i], value));
                case "--targets" -> targets = parseList(required(args[i], value), TargetKind.class);
                case "--formats" -> formats = parseList(required(args[i], value).replace('-', '_'), Format.class);
                case "--contenders" -> contenders = parseList(required(args[i], value).replace('-', '_'), ContenderKind.class);
                case "--timeout-minutes" -> timeout = Duration.ofMinutes(positive(args[i], value));
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n" + USAGE);
            }
            i++;
        }
        return new BenchmarkOptions(events, batchSize, seed, targets, formats, contenders, timeout, warmup);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return value;
    }

    private static int positive(String option, String value) {
        int number = Integer.parseInt(required(option, value));
        if (number <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + number);
        }
        return number;
    }

    private static <E extends Enum<E>> List<E> parseList(String text, Class<E> type) {
        List<E> values = new ArrayList<>();
        for (String item : text.split(",")) {
            try {
                values.add(Enum.valueOf(type, item.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown value '" + item + "'; choose from "
                        + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(values);
    }
}
