package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.testkit.AnomalyProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The pipeline as operators run it, for the fault-injection scenarios: a broker child process on a fixed
 * port (so it can be stopped and started again on the same data directory), the tools as {@code bin/anomaly}
 * child processes, and read_committed readers to count what came out.
 */
final class Pipeline implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** -Dsoak=true runs the scenarios at larger counts. */
    static final boolean SOAK = Boolean.getBoolean("soak");

    private final Path dir;
    private final int port;
    private final List<String> brokerArgs;
    private final Properties clientProperties;
    private AnomalyProcess broker;
    private final List<AnomalyProcess> started = new ArrayList<>();

    private Pipeline(Path dir, int port, List<String> brokerArgs, Properties clientProperties) {
        this.dir = dir;
        this.port = port;
        this.brokerArgs = brokerArgs;
        this.clientProperties = clientProperties;
    }

    /** Starts a broker on a free port with its data in {@code dir/kafka}. */
    static Pipeline start(Path dir, String... extraBrokerArgs) {
        return start(dir, new Properties(), extraBrokerArgs);
    }

    /** As {@link #start(Path, String...)}, with client properties for the test's own readers (security). */
    static Pipeline start(Path dir, Properties clientProperties, String... extraBrokerArgs) {
        Pipeline pipeline = new Pipeline(dir, freePort(), List.of(extraBrokerArgs), clientProperties);
        pipeline.startBroker();
        return pipeline;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    void startBroker() {
        List<String> args = new ArrayList<>(List.of("broker", "--port", Integer.toString(port), "--data-dir",
                dir.resolve("kafka").toString()));
        args.addAll(brokerArgs);
        broker = AnomalyProcess.start(args.toArray(String[]::new));
        broker.awaitOut("^Kafka broker ready at ", Duration.ofSeconds(90));
    }

    /** SIGTERM, as a service manager stops it; waits until it is gone. */
    void stopBroker() {
        broker.terminate();
        broker.awaitExit(Duration.ofSeconds(60));
    }

    /** Starts {@code bin/anomaly ARGS}; stopped (SIGTERM) when the pipeline closes if still running. */
    AnomalyProcess start(String... args) {
        AnomalyProcess process = AnomalyProcess.start(args);
        started.add(process);
        return process;
    }

    /** Starts {@code bin/anomaly ARGS} with extra environment variables. */
    AnomalyProcess start(Map<String, String> environment, String... args) {
        AnomalyProcess process = AnomalyProcess.start(environment, args);
        started.add(process);
        return process;
    }

    /**
     * A copy of a small trained model bundle in {@code dir/NAME}; returns the bundle directory. The scenarios
     * are about the pipeline, not the model, so one bundle is trained per test JVM and copied (saves a training
     * run per scenario).
     */
    Path trainModel(String name) {
        return trainModel(name, 1);
    }

    /** As {@link #trainModel(String)}, for a model that reads the last {@code window} events of a host. */
    Path trainModel(String name, int window) {
        Path models = dir.resolve(name);
        try {
            Path shared = SharedModel.bundle(window);
            Files.createDirectories(models);
            try (var files = Files.list(shared)) {
                for (Path file : files.toList()) {
                    Files.copy(file, models.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return models;
    }

    /** The bundles {@link #trainModel} copies, trained on first use, one per window. */
    private static final class SharedModel {
        private static final Map<Integer, Path> BUNDLES = new HashMap<>();

        static synchronized Path bundle(int window) throws IOException {
            Path bundle = BUNDLES.get(window);
            if (bundle == null) {
                Path dir = Files.createTempDirectory("anomaly-reliability-model");
                Path csv = dir.resolve("normal.csv");
                Path models = dir.resolve("model");
                AnomalyProcess generate = AnomalyProcess.run(Duration.ofSeconds(120), "generate", "--count", "3000",
                        "--seed", "1", "--output", csv.toString());
                assertThat(generate.exitCode()).as(generate.errLines().toString()).isZero();
                AnomalyProcess train = AnomalyProcess.run(Duration.ofSeconds(300), "train", "--input", csv.toString(),
                        "--model-dir", models.toString(), "--epochs", "10", "--seed", "1", "--window",
                        Integer.toString(window), "--quiet");
                assertThat(train.exitCode()).as(train.errLines().toString()).isZero();
                bundle = models;
                BUNDLES.put(window, bundle);
            }
            return bundle;
        }
    }

    /** Every record a read_committed reader sees in {@code topic} now (up to its end offsets). */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            long lastProgress = System.nanoTime();
            long lastPositions = -1;
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                long positions = partitions.stream().mapToLong(consumer::position).sum();
                if (records.size() > before || positions != lastPositions) {
                    lastProgress = System.nanoTime();
                    lastPositions = positions;
                } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(10).toNanos()) {
                    // Ten seconds without a record or a move: nothing more is coming; anything really missing
                    // shows up as lost in the counts rather than as a three-minute wait.
                    break;
                }
            }
        }
        return records;
    }

    /** A read_committed reader following {@code topic} from its beginning, to wait for what a tool writes. */
    Follower follow(String topic) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new Follower(consumer);
    }

    /** Reads on from where it stopped until a record's value matches. */
    static final class Follower implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;

        private Follower(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        /** Waits until a record matches; fails the test if none does within the timeout. */
        void await(java.util.function.Predicate<byte[]> matches, Duration timeout, String what) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matches.test(record.value())) {
                        return;
                    }
                }
            }
            throw new AssertionError("no record " + what + " within " + timeout);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** The identities (host@timestamp) of every event a read_committed reader sees in {@code topic}. */
    java.util.Set<String> eventIds(String topic) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(topic)) {
            ids.add(eventId(record.value()));
        }
        return ids;
    }

    /** Anomalies per host in {@code topic}, as a read_committed reader sees them. */
    Map<String, Integer> perHost(String topic) {
        Map<String, Integer> perHost = new java.util.TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(topic)) {
            perHost.merge(eventId(record.value()).split("@")[0], 1, Integer::sum);
        }
        return perHost;
    }

    /** How many outputs each event (host@timestamp) has across the given topics. */
    Map<String, Integer> outputsPerEvent(String... topics) {
        Map<String, Integer> outputs = new HashMap<>();
        for (String topic : topics) {
            for (ConsumerRecord<byte[], byte[]> record : readCommitted(topic)) {
                outputs.merge(eventId(record.value()), 1, Integer::sum);
            }
        }
        return outputs;
    }

    /**
     * How many of {@code records} lie at or past the group's committed offset of their partition: for the
     * alerter, the anomalies not covered by a message Slack accepted. (Transaction markers are not records,
     * so this counts exactly the records, not the topic's end offsets.)
     */
    long uncovered(String group, List<ConsumerRecord<byte[], byte[]>> records) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(properties)) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return records.stream().filter(record -> {
                var offset = committed.get(new TopicPartition(record.topic(), record.partition()));
                return offset == null || record.offset() >= offset.offset();
            }).count();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of a group's committed offsets on a topic: how far it got, to time faults by progress. */
    long committedTotal(String group) {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(properties)) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                    .filter(java.util.Objects::nonNull).mapToLong(offset -> offset.offset()).sum();
        } catch (java.util.concurrent.ExecutionException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String eventId(byte[] json) {
        try {
            JsonNode event = JSON.readTree(json);
            return event.path("host").asText() + "@" + event.path("timestamp").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        for (AnomalyProcess process : started) {
            process.close();
        }
        if (broker != null && broker.isAlive()) {
            stopBroker();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a scenario counts; every scenario prints it and asserts nothing was lost or duplicated. Lost and
     * unexpected compare identities (host@timestamp), not counts: every event sent has exactly one output.
     */
    record Counts(String scenario, long sent, long scored, long deadLettered, long duplicated, long lost,
                  long unexpected) {
        static Counts of(String scenario, java.util.Set<String> sent, Map<String, Integer> outputs,
                         long deadLettered) {
            long duplicated = outputs.values().stream().filter(count -> count > 1).count();
            long lost = sent.stream().filter(id -> !outputs.containsKey(id)).count();
            long unexpected = outputs.keySet().stream().filter(id -> !sent.contains(id)).count();
            return new Counts(scenario, sent.size(), outputs.size(), deadLettered, duplicated, lost, unexpected);
        }

        /** An input topic's own count: {@code expected} distinct events, none twice. */
        static Counts ofInput(String scenario, long expected, Map<String, Integer> inputs) {
            long duplicated = inputs.values().stream().filter(count -> count > 1).count();
            return new Counts(scenario, expected, inputs.size(), 0, duplicated, Math.max(0, expected - inputs.size()),
                    Math.max(0, inputs.size() - expected));
        }

        Counts print() {
            System.out.printf("[%s] sent %,d, scored %,d, dead-lettered %,d, duplicated %,d, lost %,d, unexpected "
                    + "%,d%n", scenario, sent, scored, deadLettered, duplicated, lost, unexpected);
            return this;
        }

        void assertNothingLostOrDuplicated() {
            assertThat(duplicated).as(scenario + ": duplicated").isZero();
            assertThat(lost).as(scenario + ": lost").isZero();
            assertThat(unexpected).as(scenario + ": outputs of events never sent").isZero();
        }
    }

    /**
     * Checks the alerter against the Slack stand-in: every host's anomalies are counted exactly once in the
     * accepted messages (run with --repeat-interval 0, so no group is held back uncounted).
     */
    static void assertSlackReportedEachAnomalyOnce(String scenario, Map<String, Integer> anomaliesPerHost,
                                                  Map<String, Integer> reportedPerHost) {
        System.out.printf("[%s] anomalies per host %s, reported in accepted Slack messages per host %s%n", scenario,
                anomaliesPerHost, reportedPerHost);
        assertThat(reportedPerHost).as(scenario + ": anomalies reported per host").isEqualTo(anomaliesPerHost);
    }

    static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
