package dev.anomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.detector.cli.DetectCommand;
import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import dev.anomaly.trainer.cli.TrainCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A real collectd (Debian's collectd-core with librdkafka1, which .ci/run installs) writing with write_kafka
 * (Format JSON, StoreRates true, keyed by the host so its records stay in order; cpu, memory, disk, interface and
 * load every second) for 75 s, through {@code ingest --format collectd --align 2s}, to events that {@code train}
 * and {@code detect} take as they come. It mostly waits on collectd, so it runs beside the other classes, and
 * trains and detects in this JVM rather than in two more.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class CollectdIngestIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COLLECTD = Path.of("/usr/sbin/collectd");
    private static final Path WRITE_KAFKA = Path.of("/usr/lib/collectd/write_kafka.so");
    private static final String HOST = "collectd-it";
    private static final double RUN_SECONDS = 75;
    private static final List<String> STANDARD = List.of("cpu_usage", "memory_usage", "disk_io_mb",
            "network_io_mb");

    @TempDir
    Path dir;

    @Test
    void collectdsRecordsBecomeEventsWithTheStandardFieldsThatTrainAndAreScored(KafkaTestCluster kafka)
            throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(COLLECTD) && Files.exists(WRITE_KAFKA), COLLECTD + " or " + WRITE_KAFKA
                + " is missing: .ci/run installs collectd-core and librdkafka1");
        String in = KafkaTestCluster.uniqueName("collectd");
        String events = in + ".events";
        String bootstrap = kafka.bootstrapServers();
        kafka.createTopic(in, 3);

        List<ConsumerRecord<String, byte[]>> written;
        List<ConsumerRecord<String, byte[]>> sent;
        try (AnomalyProcess ingest = AnomalyProcess.start("ingest", "--bootstrap-server", bootstrap, "--format",
                "collectd", "--topic", in, "--output-topic", events, "--align", "2s", "--grace", "2s")) {
            ingest.awaitErr("Ingesting " + in, Duration.ofSeconds(60));
            Process collectd = startCollectd(bootstrap, in);
            try {
                sent = kafka.readUntil(in,
                        records -> secondsCovered(records) >= RUN_SECONDS, Duration.ofSeconds(180));
                assertThat(secondsCovered(sent)).as("collectd ran for 75 s").isGreaterThanOrEqualTo(RUN_SECONDS);
            } finally {
                collectd.destroy();
                collectd.waitFor(30, TimeUnit.SECONDS);
            }
            written = kafka.readUntil(events, records -> records.size() >= 30, Duration.ofSeconds(60));
            ingest.terminate();
            assertThat(ingest.awaitExit(Duration.ofSeconds(60))).as(String.join("\n", ingest.errLines()))
                    .isIn(0, 143);
            assertThat(ingest.errLines()).anyMatch(line -> line.startsWith("Ingest stopped: "));
        }
        written = kafka.readAll(events, Duration.ofSeconds(30));

        // Twice collectd's interval (README): with --align 1s a busy machine now and then put a plugin's reading
        // in the next second, and that second's event lacked its fields.
        System.out.printf("collectd: %,d records over %.0f s -> ingest --align 2s: %,d events%n", sent.size(),
                secondsCovered(sent), written.size());
        assertThat(written).as("events for 75 s of collectd at --align 2s").hasSizeGreaterThanOrEqualTo(30);
        assertThat(kafka.readAll(in + ".dlq", Duration.ofSeconds(10))).as("ingest's dead letters").isEmpty();
        for (ConsumerRecord<String, byte[]> record : written) {
            JsonNode event = JSON.readTree(record.value());
            assertThat(record.key()).isEqualTo(HOST);
            assertThat(event.get("host").asText()).isEqualTo(HOST);
            for (String field : STANDARD) {
                assertThat(event.has(field)).as(field + " in " + event).isTrue();
            }
            assertThat(event.has("response_time_ms")).isFalse();
            assertThat(event.get("cpu_usage").asDouble()).isBetween(0.0, 100.0);
            assertThat(event.get("memory_usage").asDouble()).isBetween(0.0, 100.0);
            assertThat(event.has("load.load.shortterm")).isTrue();
        }

        Path model = dir.resolve("model");
        run(new TrainCommand(), "--bootstrap-server", bootstrap, "--topic", events, "--from", "earliest", "--samples", "30",
                "--features", String.join(",", STANDARD), "--model-dir", model.toString(), "--epochs", "20",
                "--quiet");
        run(new DetectCommand(), "--bootstrap-server", bootstrap, "--topic", events, "--anomalies-topic", events + ".anomalies",
                "--normal-topic", events + ".normal", "--dead-letter-topic", events + ".dlq", "--group-id", events,
                "--model-dir", model.toString(), "--stop-when-idle", "5s", "--quiet");
        List<ConsumerRecord<String, byte[]>> anomalies = kafka.readAll(events + ".anomalies", Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> normal = kafka.readAll(events + ".normal", Duration.ofSeconds(30));
        assertThat(kafka.readAll(events + ".dlq", Duration.ofSeconds(10))).as("detect's dead letters").isEmpty();
        assertThat(anomalies.size() + normal.size()).as("every event scored").isEqualTo(written.size());
    }

    private Process startCollectd(String bootstrap, String topic) throws IOException {
        Path conf = dir.resolve("collectd.conf");
        Files.createDirectories(dir.resolve("collectd"));
        Files.writeString(conf, String.join("\n",
                "Hostname \"" + HOST + "\"",
                "FQDNLookup false",
                "BaseDir \"" + dir.resolve("collectd") + "\"",
                "PIDFile \"" + dir.resolve("collectd.pid") + "\"",
                "TypesDB \"/usr/share/collectd/types.db\"",
                "Interval 1",
                "LoadPlugin cpu",
                "LoadPlugin memory",
                "LoadPlugin disk",
                "LoadPlugin interface",
                "LoadPlugin load",
                "LoadPlugin write_kafka",
                "<Plugin write_kafka>",
                "  Property \"metadata.broker.list\" \"" + bootstrap + "\"",
                "  <Topic \"" + topic + "\">",
                "    Key \"" + HOST + "\"",
                "    Format JSON",
                "    StoreRates true",
                "  </Topic>",
                "</Plugin>",
                ""));
        return new ProcessBuilder(COLLECTD.toString(), "-f", "-C", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("collectd.log").toFile()).start();
    }

    /** Seconds between the first and the last value list collectd wrote. */
    private static double secondsCovered(List<ConsumerRecord<String, byte[]>> records) {
        double first = Double.MAX_VALUE;
        double last = -Double.MAX_VALUE;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                for (JsonNode list : JSON.readTree(record.value())) {
                    first = Math.min(first, list.get("time").asDouble());
                    last = Math.max(last, list.get("time").asDouble());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records.isEmpty() ? 0 : last - first;
    }

    /** In this JVM: two JVM starts fewer on a machine the whole suite shares. */
    private static void run(Object command, String... args) {
        CliDriver.Result result = CliDriver.run(command, args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.err()).isZero();
    }
}
