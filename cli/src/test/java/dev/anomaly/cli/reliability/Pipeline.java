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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
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
    /** How often the waits look again: polling, not sleeping in place of a condition. */
    private static final Duration POLL = Duration.ofMillis(200);
    /** A reader that got nothing for this long reports it rather than waiting out its whole timeout. */
    private static final Duration NO_PROGRESS = Duration.ofSeconds(60);
    private static final int TAIL = 15;
    private static final Pattern SENT = Pattern.compile("^Sent ([\\d,]+) events");

    private final Path dir;
    private final int port;
    private final List<String> brokerArgs;
    private final Properties clientProperties;
    private AnomalyProcess broker;
    private final List<AnomalyProcess> started = new ArrayList<>();
    /** The arguments each started tool got, to name it when it fails a wait. */
    private final Map<AnomalyProcess, List<String>> commands = new IdentityHashMap<>();

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
        commands.put(process, List.of(args));
        return process;
    }

    /** Starts {@code bin/anomaly ARGS} with extra environment variables. */
    AnomalyProcess start(Map<String, String> environment, String... args) {
        AnomalyProcess process = AnomalyProcess.start(environment, args);
        started.add(process);
        commands.put(process, List.of(args));
        return process;
    }

    /**
     * SIGTERM, as a service manager stops a tool: it finishes what it holds (commits, flushes), prints its
     * summary and exits. For tools the test stops once progress shows they are done, instead of an idle exit
     * that a pause of the stream could trigger too early.
     */
    static void leave(AnomalyProcess process) {
        process.terminate();
        int code = process.awaitExit(Duration.ofSeconds(60));
        // 143 is the JVM's own status for SIGTERM once the shutdown hook let the loop finish; a failure is 1.
        assertThat(code).as("exit code of a stopped tool; stderr: %s", process.errLines()).isIn(0, 143);
        assertThat(process.errLines()).as("a clean stop prints its summary").anyMatch(line ->
                line.startsWith("Processed ") || line.startsWith("Consumed ") || line.startsWith("Sent "));
    }

    /** How many events a generator says it sent (its summary line, printed once it stopped). */
    static long sent(AnomalyProcess generator) {
        for (String line : generator.errLines()) {
            Matcher matcher = SENT.matcher(line);
            if (matcher.find()) {
                return Long.parseLong(matcher.group(1).replace(",", ""));
            }
        }
        throw new AssertionError("no summary from the generator; stderr: " + generator.errLines());
    }

    /**
     * Polls {@code condition} until it holds. Fails at once when a tool that was running as the wait began
     * exits (a generator done with its --count aside), since its death would otherwise only show as the
     * timeout; on the timeout, names {@code what} with the last stderr lines of every tool.
     */
    void awaitWhileRunning(String what, Duration timeout, Callable<Boolean> condition) {
        List<AnomalyProcess> running = running();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (holds(condition)) {
                return;
            }
            failIfExited(running, what);
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up after " + timeout + " waiting for " + what
                        + "; the tools' last stderr lines:" + tails());
            }
            pause(POLL);
        }
    }

    private static boolean holds(Callable<Boolean> condition) {
        try {
            return Boolean.TRUE.equals(condition.call());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tools and the broker running now: the ones a wait watches. */
    private List<AnomalyProcess> running() {
        List<AnomalyProcess> running = new ArrayList<>(started.stream().filter(AnomalyProcess::isAlive).toList());
        if (broker != null && broker.isAlive()) {
            running.add(broker);
        }
        return running;
    }

    private void failIfExited(List<AnomalyProcess> running, String what) {
        for (AnomalyProcess process : running) {
            if (!process.isAlive()) {
                // Returns at once; reads the pipes to their end, so the last lines are there.
                int code = process.awaitExit(Duration.ofSeconds(10));
                List<String> command = commands.getOrDefault(process, List.of("broker"));
                if (code == 0 && command.get(0).equals("generate") && command.contains("--count")) {
                    continue;
                }
                throw new AssertionError(name(process) + " exited (" + code + ") while waiting for " + what
                        + "; its last stderr lines:\n  " + String.join("\n  ", tail(process)));
            }
        }
    }

    private String tails() {
        StringBuilder tails = new StringBuilder();
        List<AnomalyProcess> all = new ArrayList<>(started);
        if (broker != null) {
            all.add(broker);
        }
        for (AnomalyProcess process : all) {
            String state = process.isAlive() ? "running" : "exited (" + process.exitCode() + ")";
            tails.append("\n").append(name(process)).append(", ").append(state).append(":\n  ")
                    .append(String.join("\n  ", tail(process)));
        }
        return tails.toString();
    }

    /** The tool's command and --instance-id, if any, and its pid. */
    private String name(AnomalyProcess process) {
        List<String> command = commands.getOrDefault(process, List.of("broker"));
        int instance = command.indexOf("--instance-id");
        return command.get(0) + (instance >= 0 && instance + 1 < command.size() ? " " + command.get(instance + 1)
                : "") + " (pid " + process.pid() + ")";
    }

    private static List<String> tail(AnomalyProcess process) {
        List<String> lines = process.errLines();
        return lines.subList(Math.max(0, lines.size() - TAIL), lines.size());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until {@code topic} holds a record, so a consumer started afterwards finds it with its partitions
     * and data instead of subscribing to a topic that does not exist yet.
     */
    void awaitRecords(String topic, Duration timeout) {
        awaitWhileRunning("records in " + topic, timeout, () -> endOffsetTotal(topic) > 0);
    }

    /**
     * Waits until {@code group} has committed the end offsets of every partition of {@code topic}. For a
     * topic written without transactions (the generator, the tests' producers), once its producer stopped:
     * the end offsets are then final, and caught up stays caught up.
     */
    void awaitCaughtUp(String group, String topic, Duration timeout) {
        awaitWhileRunning(group + " caught up with " + topic, timeout, () -> {
            try (Admin admin = admin()) {
                Map<TopicPartition, Long> end = endOffsets(admin, topic);
                Map<TopicPartition, Long> committed = committedOffsets(admin, group);
                // Read again after the commits: nothing may have been added meanwhile.
                return !end.isEmpty() && end.equals(endOffsets(admin, topic)) && end.entrySet().stream()
                        .allMatch(entry -> committed.getOrDefault(entry.getKey(), 0L) >= entry.getValue());
            }
        });
    }

    /**
     * Waits until the alerter group's commits cover every record of {@code anomaliesTopic}: each anomaly is in
     * a message Slack accepted. Call once the detectors writing the topic stopped. Compared with each
     * partition's last record, not its end offset: the detector writes in transactions, so a partition ends
     * with a commit marker, and the alerter commits one past the last record it reported, never past the marker.
     */
    void awaitReported(String alerterGroup, String anomaliesTopic, Duration timeout) {
        Map<TopicPartition, Long> records = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(anomaliesTopic)) {
            records.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        awaitWhileRunning(alerterGroup + " reporting all of " + anomaliesTopic, timeout, () -> {
            try (Admin admin = admin()) {
                Map<TopicPartition, Long> committed = committedOffsets(admin, alerterGroup);
                return records.entrySet().stream()
                        .allMatch(entry -> committed.getOrDefault(entry.getKey(), 0L) >= entry.getValue());
            }
        });
    }

    /**
     * Waits until exactly these members (by --instance-id) hold the partitions of {@code group}: the group
     * is as the scenario means it before the next fault.
     */
    void awaitMembers(String group, Duration timeout, String... instanceIds) {
        Set<String> expected = Set.of(instanceIds);
        awaitWhileRunning("members " + expected + " holding the partitions of " + group, timeout,
                () -> expected.equals(membersWithPartitions(group)));
    }

    private Set<String> membersWithPartitions(String group) {
        try (Admin admin = admin()) {
            return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members()
                    .stream().filter(member -> !member.assignment().topicPartitions().isEmpty())
                    // The tools name their static members "anomaly-detector-ID" and "anomaly-alerter-ID".
                    .map(member -> member.groupInstanceId().map(name -> name.replaceFirst("^anomaly-[a-z]+-", ""))
                            .orElse(member.consumerId()))
                    .collect(Collectors.toSet());
        } catch (ExecutionException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of {@code topic}'s end offsets (read_committed); 0 while it does not exist (and it creates none). */
    long endOffsetTotal(String topic) {
        try (Admin admin = admin()) {
            return endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Each partition's end offset as a read_committed reader sees it; empty while the topic does not exist
     * (an Admin client creates no topic) or is not readable yet (its partitions still without a leader).
     */
    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(partition ->
                    latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((partition, info) -> end.put(partition, info.offset()));
            return end;
        } catch (ExecutionException e) {
            // An unknown topic is one of these too.
            if (e.getCause() instanceof RetriableException) {
                return Map.of();
            }
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A group's committed offsets; empty while it has none (or the broker does not answer). */
    private static Map<TopicPartition, Long> committedOffsets(Admin admin, String group) {
        try {
            Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((partition, offset) -> {
                        if (offset != null) {
                            committed.put(partition, offset.offset());
                        }
                    });
            return committed;
        } catch (ExecutionException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return Admin.create(properties);
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
        return trainModel(name, window, "autoencoder");
    }

    /** As {@link #trainModel(String, int)}, for a model of {@code family} ({@code train --model}). */
    Path trainModel(String name, int window, String family) {
        Path models = dir.resolve(name);
        try {
            Path shared = SharedModel.bundle(window, family);
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

    /** The bundles {@link #trainModel} copies, trained on first use, one per window and family. */
    private static final class SharedModel {
        private static final Map<String, Path> BUNDLES = new HashMap<>();

        static synchronized Path bundle(int window, String family) throws IOException {
            Path bundle = BUNDLES.get(family + "/" + window);
            if (bundle == null) {
                Path dir = Files.createTempDirectory("anomaly-reliability-model");
                Path csv = dir.resolve("normal.csv");
                Path models = dir.resolve("model");
                AnomalyProcess generate = AnomalyProcess.run(Duration.ofSeconds(120), "generate", "--count", "3000",
                        "--seed", "1", "--output", csv.toString());
                assertThat(generate.exitCode()).as(generate.errLines().toString()).isZero();
                AnomalyProcess train = AnomalyProcess.run(Duration.ofSeconds(300), "train", "--input", csv.toString(),
                        "--model-dir", models.toString(), "--model", family, "--epochs", "10", "--seed", "1",
                        "--window", Integer.toString(window), "--quiet");
                assertThat(train.exitCode()).as(train.errLines().toString()).isZero();
                bundle = models;
                BUNDLES.put(family + "/" + window, bundle);
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
        return new Follower(this, consumer);
    }

    /** Reads on from where it stopped until a record's value matches. */
    static final class Follower implements AutoCloseable {
        private final Pipeline pipeline;
        private final KafkaConsumer<byte[], byte[]> consumer;

        private Follower(Pipeline pipeline, KafkaConsumer<byte[], byte[]> consumer) {
            this.pipeline = pipeline;
            this.consumer = consumer;
        }

        /**
         * Waits until a record matches; fails the test if none does within the timeout, at once if a tool
         * running as the wait began exits, and after a minute without any record (the writer stalled).
         */
        void await(java.util.function.Predicate<byte[]> matches, Duration timeout, String what) {
            List<AnomalyProcess> running = pipeline.running();
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastRecord = System.nanoTime();
            while (System.nanoTime() < deadline) {
                var records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (matches.test(record.value())) {
                        return;
                    }
                }
                if (!records.isEmpty()) {
                    lastRecord = System.nanoTime();
                } else if (System.nanoTime() - lastRecord > NO_PROGRESS.toNanos()) {
                    throw new AssertionError("no record " + what + ", and none at all for " + NO_PROGRESS
                            + "; the tools' last stderr lines:" + pipeline.tails());
                }
                pipeline.failIfExited(running, "a record " + what);
            }
            throw new AssertionError("no record " + what + " within " + timeout + "; the tools' last stderr lines:"
                    + pipeline.tails());
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

    /** Prints where the outputs of events scored more than once lie (up to 10 events), to tell a failure's cause. */
    void printDuplicates(String... topics) {
        Map<String, List<String>> where = new HashMap<>();
        for (String topic : topics) {
            for (ConsumerRecord<byte[], byte[]> record : readCommitted(topic)) {
                where.computeIfAbsent(eventId(record.value()), id -> new ArrayList<>())
                        .add(record.topic() + "-" + record.partition() + "@" + record.offset());
            }
        }
        where.entrySet().stream().filter(entry -> entry.getValue().size() > 1).limit(10)
                .forEach(entry -> System.out.printf("[duplicate] %s at %s%n", entry.getKey(), entry.getValue()));
    }

    /**
     * How many of {@code records} lie at or past the group's committed offset of their partition: for the
     * alerter, the anomalies not covered by a message Slack accepted. (Transaction markers are not records,
     * so this counts exactly the records, not the topic's end offsets.)
     */
    long uncovered(String group, List<ConsumerRecord<byte[], byte[]>> records) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return records.stream().filter(record -> {
                var offset = committed.get(new TopicPartition(record.topic(), record.partition()));
                return offset == null || record.offset() >= offset.offset();
            }).count();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of a group's committed offsets on a topic: how far it got, to time faults by progress. */
    long committedTotal(String group) {
        try (Admin admin = admin()) {
            return committedOffsets(admin, group).values().stream().mapToLong(Long::longValue).sum();
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
