package io.ctsync.launcher;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** {@code ./ctsync topic NAME [--kafka-port P] [--max N]}: prints the first events of a topic of a running demo. */
final class TopicCommand {

    private TopicCommand() {
    }

    static int run(String[] args, PrintStream out) {
        if (args.length < 2 || args[1].startsWith("--")) {
            throw new UsageException("topic needs a topic name, e.g. ./ctsync topic demo.sales.dbo.orders");
        }
        int port = 9092;
        int max = 5;
        for (int i = 2; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--kafka-port" -> port = number(args[i], args[i + 1]);
                case "--max" -> max = number(args[i], args[i + 1]);
                case "--repository" -> { }
                default -> throw new UsageException("unknown option " + args[i] + " for topic: use --kafka-port, --max");
            }
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(args[1], Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            if (partitions.isEmpty()) {
                throw new LaunchFailure("No topic " + args[1] + " on localhost:" + port);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int printed = 0;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (printed < max && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (printed++ >= max) {
                        break;
                    }
                    out.println("offset " + record.offset() + " key " + text(record.key()));
                    out.println("  value " + text(record.value()));
                }
            }
        }
        return 0;
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " must be a number, not '" + value + "'");
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
