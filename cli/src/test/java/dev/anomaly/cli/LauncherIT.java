package dev.anomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.testkit.AnomalyProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged launcher, run the way the README tells users to run it. */
class LauncherIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsItsVersion() {
        AnomalyProcess version = AnomalyProcess.run(Duration.ofSeconds(60), "--version");

        assertThat(version.exitCode()).isZero();
        assertThat(version.outLines().get(0)).startsWith("anomaly ");
    }

    @Test
    void anUnreachableBrokerIsOneLineAndExitOneWithinTheTimeout() {
        long started = System.nanoTime();

        AnomalyProcess generate = AnomalyProcess.run(Duration.ofSeconds(60), "generate", "--bootstrap-server",
                "127.0.0.1:1", "--count", "1", "--timeout", "10s");

        assertThat(generate.exitCode()).isEqualTo(1);
        assertThat(generate.errLines()).hasSize(1).first().asString().startsWith("anomaly generate: cannot reach Kafka");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void theBrokerTakesAHundredThousandEventsFromTenHosts(@TempDir Path dataDir) throws IOException {
        try (AnomalyProcess broker = AnomalyProcess.start("broker", "--port", "0", "--data-dir", dataDir.toString())) {
            Matcher ready = broker.awaitOut("^Kafka broker ready at (127\\.0\\.0\\.1:\\d+)$", Duration.ofSeconds(90));
            String bootstrap = ready.group(1);

            AnomalyProcess generate = AnomalyProcess.run(Duration.ofSeconds(180), "generate", "--bootstrap-server",
                    bootstrap, "--count", "100000", "--rate", "0", "--hosts", "10");

            assertThat(generate.exitCode()).as(generate.errLines().toString()).isZero();
            Set<String> hosts = new HashSet<>();
            int count = 0;
            for (ConsumerRecord<String, byte[]> record : readAll(bootstrap, 100_000)) {
                JsonNode event = JSON.readTree(record.value());
                assertThat(event.has(MetricFields.TIMESTAMP) && event.has(MetricFields.LABEL)
                        && event.get(MetricFields.CPU_USAGE).isNumber()).isTrue();
                hosts.add(record.key());
                count++;
            }
            assertThat(count).isEqualTo(100_000);
            assertThat(hosts).hasSize(10);

            broker.terminate();
            assertThat(broker.awaitExit(Duration.ofSeconds(60))).isIn(0, 143);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "launcher-it");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("system-metrics"));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // Anything beyond the expected count would be a duplicate: poll once more to see it.
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }
}
