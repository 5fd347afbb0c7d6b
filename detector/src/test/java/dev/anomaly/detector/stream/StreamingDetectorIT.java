package dev.anomaly.detector.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.alerting.silence.Silence;
import dev.anomaly.alerting.silence.SilenceTopic;
import dev.anomaly.common.event.HostGlob;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.model.ModelFamily;
import dev.anomaly.detector.cli.DetectCommand;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import dev.anomaly.testkit.MalformedRecord;
import dev.anomaly.testkit.SyntheticMetrics;
import dev.anomaly.testkit.TestModels;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class StreamingDetectorIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOSTS = 10;
    private static Path sharedModel;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainModel(@TempDir Path shared) {
        sharedModel = shared.resolve("m");
        TestModels.trainAndSave(sharedModel, "v1", 5, 1);
    }

    @Test
    void scoresEveryGoodEventOnceAndDeadLettersEveryMalformedRecord(KafkaTestCluster kafka) throws IOException {
        Topics topics = Topics.create(kafka, 3);
        Map<String, Integer> malformedKinds;
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            malformedKinds = produceWithMalformed(producer, topics.input, 50_000, 1_000);
        }

        Result result = detect(kafka, topics, sharedModel, "--stop-when-idle", "4s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Set<String> scored = scoredEvents(kafka, topics, 50_000);
        assertThat(scored).hasSize(50_000);
        List<ConsumerRecord<String, byte[]>> deadLetters = kafka.readAll(topics.deadLetters, Duration.ofSeconds(60));
        assertThat(deadLetters).hasSize(1_000);
        Map<String, Integer> reasons = new HashMap<>();
        for (ConsumerRecord<String, byte[]> letter : deadLetters) {
            reasons.merge(header(letter, DeadLetters.REASON), 1, Integer::sum);
            assertThat(header(letter, DeadLetters.SOURCE_TOPIC)).isEqualTo(topics.input);
            assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).matches("\\d+");
            assertThat(header(letter, DeadLetters.DETAIL)).isNotNull();
        }
        assertThat(reasons.keySet()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(reasons.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
        assertThat(malformedKinds).hasSizeGreaterThanOrEqualTo(12);
        assertThat(result.err()).contains("Processed 51,000 events", "1,000 dead letters");
    }

    @Test
    void switchesModelsAcrossFamiliesWithoutLosingAnEventAndRefusesACorruptOne(KafkaTestCluster kafka)
            throws Exception {
        Topics topics = Topics.create(kafka, 3);
        Path models = dir.resolve("m");
        TestModels.trainAndSave(models, "autoencoder", 6, 1);
        AtomicBoolean producing = new AtomicBoolean(true);
        CompletableFuture<Integer> produced = CompletableFuture.supplyAsync(() -> produceSlowly(kafka, topics.input,
                producing));
        CliDriver.Running detector = start(kafka, topics, models, "--reload-interval", "500ms", "--stop-when-idle",
                "5s");

        await().atMost(Duration.ofSeconds(60)).until(() -> !versions(kafka, topics).isEmpty());
        TestModels.trainAndSave(models, "online", 7, 1, ModelFamily.RANDOM_CUT_FOREST);
        await().atMost(Duration.ofSeconds(60)).until(() -> versions(kafka, topics).contains("online"));
        TestModels.trainAndSave(models, "forest", 8, 1, ModelFamily.ISOLATION_FOREST);
        await().atMost(Duration.ofSeconds(60)).until(() -> versions(kafka, topics).contains("forest"));
        Files.writeString(models.resolve("model.json"), "{\"format\": 1, \"model\": \"autoencoder\", \"version\":");
        detector.awaitErr("Refused the new model bundle", Duration.ofSeconds(60));
        producing.set(false);
        int sent = produced.get();
        Result result = detector.await(Duration.ofSeconds(120));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("Now scoring with model online", "Now scoring with model forest",
                "Refused the new model bundle");
        assertThat(scoredEvents(kafka, topics, sent)).hasSize(sent);
        List<String> order = versions(kafka, topics);
        assertThat(order).containsSubsequence("autoencoder", "online", "forest");
        assertThat(order.get(order.size() - 1)).isEqualTo("forest");
    }

    @Test
    void twoDetectorsInOneGroupShareTheWorkAndScoreEachEventOnce(KafkaTestCluster kafka) throws Exception {
        Topics topics = Topics.create(kafka, 3);
        // Both in the group before the events come, so each has partitions with work: a detector that joins
        // late could find everything done, however fast the machine.
        CliDriver.Running first = start(kafka, topics, sharedModel, "--stop-when-idle", "30s",
                "--max-poll-records", "500");
        CliDriver.Running second = start(kafka, topics, sharedModel, "--stop-when-idle", "30s",
                "--max-poll-records", "500");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // Not found until its first member has joined.
            await().ignoreExceptions().atMost(Duration.ofSeconds(60))
                    .until(() -> membersWithPartitions(admin, topics.group) == 2);
        }
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            produceWithMalformed(producer, topics.input, 100_000, 0);
        }

        Result one = first.await(Duration.ofMinutes(10));
        Result two = second.await(Duration.ofMinutes(10));
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(two.exitCode()).as(two.err()).isZero();
        assertThat(scoredEvents(kafka, topics, 100_000)).hasSize(100_000);
        assertThat(List.of(one.err(), two.err())).allSatisfy(err -> assertThat(err).doesNotContain("Processed 0 events"));
    }

    /** Members of the group that have at least one partition assigned. */
    private static long membersWithPartitions(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members().stream()
                .filter(member -> !member.assignment().topicPartitions().isEmpty()).count();
    }

    @Test
    void servesPrometheusMetrics(KafkaTestCluster kafka) throws Exception {
        Topics topics = Topics.create(kafka, 1);
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            produceWithMalformed(producer, topics.input, 2_000, 20);
        }
        int port = freePort();
        CompletableFuture<Result> detector = CompletableFuture.supplyAsync(() -> detect(kafka, topics, sharedModel,
                "--metrics-port", Integer.toString(port), "--stop-when-idle", "6s"));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();

        String[] body = new String[1];
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            body[0] = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
            // The batch's counters are updated one after another: wait for the last of them too.
            return body[0].contains("anomaly_detector_events_total 2020.0")
                    && body[0].contains("anomaly_detector_dead_letters_total{reason=");
        });
        detector.get();

        assertThat(body[0]).contains("# TYPE anomaly_detector_events_total counter",
                "anomaly_detector_anomalies_total{severity=",
                "anomaly_detector_suppressed_total 0.0",
                "anomaly_detector_dead_letters_total{reason=",
                "anomaly_detector_consumer_lag ",
                "anomaly_detector_batch_size_bucket{le=",
                "anomaly_detector_scoring_seconds_count ",
                "anomaly_detector_model_info{version=\"v1\"} 1");
    }

    @Test
    void aSecondDetectorWithTheSameInstanceIdTakesOverAndTheFirstSaysSo(KafkaTestCluster kafka) throws Exception {
        Topics topics = Topics.create(kafka, 3);
        AtomicBoolean producing = new AtomicBoolean(true);
        CompletableFuture<Integer> produced = CompletableFuture.supplyAsync(() -> produceSlowly(kafka, topics.input,
                producing));
        CliDriver.Running first = start(kafka, topics, sharedModel, "--instance-id", "twin");
        await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.readAll(topics.normal, Duration.ofSeconds(30))
                .isEmpty());

        CliDriver.Running second = start(kafka, topics, sharedModel, "--instance-id", "twin", "--stop-when-idle", "5s");
        Result replaced = first.await(Duration.ofSeconds(120));
        producing.set(false);
        int sent = produced.get();
        Result result = second.await(Duration.ofSeconds(120));

        assertThat(replaced.exitCode()).isEqualTo(1);
        assertThat(replaced.errLines()).last().asString()
                .contains("another detector with instance id twin took over");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(scoredEvents(kafka, topics, sent)).hasSize(sent);
    }

    @Test
    void anAnomalyLineOfASilencedHostSaysSoAndTheSilenceIsAnnounced(KafkaTestCluster kafka) {
        Topics topics = Topics.create(kafka, 1);
        String silencesTopic = topics.group + "-silences";
        SilenceTopic silences = new SilenceTopic(KafkaClientSettings.of(kafka.bootstrapServers()), silencesTopic,
                Duration.ofSeconds(30));
        silences.ensureExists();
        Instant now = Instant.now();
        silences.store(new Silence("s-deploy", new HostGlob("web-1"), now.minusSeconds(60), now.plus(Duration.ofHours(1)),
                "deploy 4121", now));
        // Two hosts with a cpu spike every 150 s of event time, slowly enough for a line per anomaly.
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            Random random = new Random(3);
            for (int i = 0; i < 120; i++) {
                producer.send(new ProducerRecord<>(topics.input, bytes("web-" + (i % 2 + 1)),
                        bytes(SyntheticMetrics.json(i, 2, random))));
            }
            producer.flush();
        }

        // The threshold alone flags every spike; the likelihood, on a 60-event history, only the odd one, and
        // which one turns on the model's last digits. The silence, not the model, is under test.
        Result result = detect(kafka, topics, sharedModel, "--silences-topic", silencesTopic, "--max-poll-records",
                "10", "--stop-when-idle", "3s", "--no-likelihood");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.outLines().stream().filter(line -> line.contains("ANOMALY DETECTED")).toList();
        assertThat(lines).as(result.out()).anyMatch(line -> line.contains(" web-1 "))
                .anyMatch(line -> line.contains(" web-2 "));
        assertThat(lines).filteredOn(line -> line.contains(" web-1 "))
                .allMatch(line -> line.endsWith("\uD83D\uDD07 silenced (s-deploy: deploy 4121)"));
        assertThat(lines).filteredOn(line -> line.contains(" web-2 ")).noneMatch(line -> line.contains("silenced"));
        assertThat(result.err()).contains("Silence s-deploy in force for 'web-1'");
    }

    private static CliDriver.Running start(KafkaTestCluster kafka, Topics topics, Path models, String... extra) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(), "--topic",
                topics.input, "--anomalies-topic", topics.anomalies, "--normal-topic", topics.normal,
                "--dead-letter-topic", topics.deadLetters, "--group-id", topics.group, "--model-dir",
                models.toString()));
        args.addAll(List.of(extra));
        return CliDriver.start(new DetectCommand(), args.toArray(String[]::new));
    }

    private static Result detect(KafkaTestCluster kafka, Topics topics, Path models, String... extra) {
        return start(kafka, topics, models, extra).await(Duration.ofMinutes(10));
    }

    /** (host, timestamp) of every event with an output on the anomalies or normal topic; fails on a duplicate. */
    private static Set<String> scoredEvents(KafkaTestCluster kafka, Topics topics, int expected) throws IOException {
        List<ConsumerRecord<String, byte[]>> outputs = new ArrayList<>();
        outputs.addAll(kafka.readAll(topics.anomalies, Duration.ofSeconds(60)));
        outputs.addAll(kafka.readAll(topics.normal, Duration.ofSeconds(60)));
        Set<String> events = new HashSet<>();
        for (ConsumerRecord<String, byte[]> output : outputs) {
            JsonNode node = JSON.readTree(output.value());
            String id = node.get("host").asText() + "@" + node.get("timestamp").asText();
            assertThat(events.add(id)).as("scored twice: %s", id).isTrue();
        }
        assertThat(outputs).as("outputs").hasSize(expected);
        return events;
    }

    private static List<String> versions(KafkaTestCluster kafka, Topics topics) throws IOException {
        List<String> versions = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : kafka.readAll(topics.normal, Duration.ofSeconds(30))) {
            String version = JSON.readTree(record.value()).get("model_version").asText();
            if (versions.isEmpty() || !versions.get(versions.size() - 1).equals(version)) {
                versions.add(version);
            }
        }
        return versions;
    }

    /** Good events of 10 hosts, with malformed records of many kinds in between; returns the kinds sent. */
    private static Map<String, Integer> produceWithMalformed(KafkaProducer<byte[], byte[]> producer, String topic,
                                                             int good, int malformed) {
        Random random = new Random(42);
        Map<String, Integer> kinds = new HashMap<>();
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        org.apache.kafka.clients.producer.Callback check = (metadata, error) -> {
            if (error != null) {
                failed.compareAndSet(null, error);
            }
        };
        int every = malformed == 0 ? Integer.MAX_VALUE : good / malformed;
        int bad = 0;
        for (int i = 0; i < good; i++) {
            String host = "web-" + (i % HOSTS + 1);
            producer.send(new ProducerRecord<>(topic, bytes(host), bytes(SyntheticMetrics.json(i, HOSTS, random))), check);
            if (i % every == every - 1 && bad < malformed) {
                MalformedRecord record = MalformedRecord.of(bad++, host);
                kinds.merge(record.kind(), 1, Integer::sum);
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()), check);
            }
        }
        producer.flush();
        assertThat(failed.get()).as("test input not stored").isNull();
        return kinds;
    }

    private static int produceSlowly(KafkaTestCluster kafka, String topic, AtomicBoolean producing) {
        Random random = new Random(8);
        int sent = 0;
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            while (producing.get()) {
                for (int i = 0; i < 50; i++, sent++) {
                    producer.send(new ProducerRecord<>(topic, "web-" + (sent % HOSTS + 1),
                            bytes(SyntheticMetrics.json(sent, HOSTS, random))), (metadata, error) -> {
                                if (error != null) {
                                    failed.compareAndSet(null, error);
                                }
                            });
                }
                producer.flush();
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(failed.get()).as("test input not stored").isNull();
        return sent;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Unique topic and group names for one test. */
    private record Topics(String input, String anomalies, String normal, String deadLetters, String group) {
        static Topics create(KafkaTestCluster kafka, int partitions) {
            String base = KafkaTestCluster.uniqueName("detect");
            Topics topics = new Topics(base + "-in", base + "-anomalies", base + "-normal", base + "-dlq",
                    base + "-group");
            kafka.createTopic(topics.input, partitions);
            return topics;
        }
    }
}
