package dev.anomaly.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.generator.cli.GenerateCommand;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class GenerateToKafkaIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tenThousandEventsArriveOnAThreePartitionTopicKeyedByHost(KafkaTestCluster kafka) throws IOException {
        String topic = KafkaTestCluster.uniqueName("metrics");
        kafka.createTopic(topic, 3);

        Result result = CliDriver.run(new GenerateCommand(), "--bootstrap-server", kafka.bootstrapServers(),
                "--topic", topic, "--count", "10000", "--rate", "0", "--hosts", "10", "--seed", "1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("Sent 10,000 events");
        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topic, Duration.ofSeconds(60));
        assertThat(records).hasSize(10_000);
        Set<Integer> partitions = new HashSet<>();
        Map<String, Integer> perHost = new TreeMap<>();
        List<String> sequence = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            JsonNode event = JSON.readTree(record.value());
            assertThat(fieldNames(event)).containsExactlyElementsOf(MetricFields.ALL);
            assertThat(record.key()).isEqualTo(event.get(MetricFields.HOST).asText());
            assertThat(event.get(MetricFields.CPU_USAGE).isNumber()).isTrue();
            partitions.add(record.partition());
            perHost.merge(record.key(), 1, Integer::sum);
            if (record.key().equals("web-1")) {
                sequence.add(event.get(MetricFields.TIMESTAMP).asText());
            }
        }
        assertThat(perHost).hasSize(10).allSatisfy((host, count) -> assertThat(count).isEqualTo(1000));
        assertThat(partitions).hasSizeGreaterThan(1);
        assertThat(sequence).isSorted();
    }

    @Test
    void replaysARecordedCsvInOrder(KafkaTestCluster kafka, @TempDir Path dir) throws IOException {
        String topic = KafkaTestCluster.uniqueName("replay");
        Path file = Files.writeString(dir.resolve("recorded.csv"),
                "timestamp,host,value\n2026-03-01 10:00:00,a,1.5\n2026-03-01 10:00:01,a,2\n2026-03-01 10:00:02,b,x\n");

        Result result = CliDriver.run(new GenerateCommand(), "--bootstrap-server", kafka.bootstrapServers(),
                "--topic", topic, "--replay", file.toString(), "--rate", "0");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<ConsumerRecord<String, byte[]>> records = kafka.read(topic, 3, Duration.ofSeconds(30));
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("a", "a", "b");
        assertThat(records).filteredOn(record -> record.key().equals("a"))
                .extracting(record -> new String(record.value()))
                .containsExactly("{\"timestamp\":\"2026-03-01T10:00:00Z\",\"host\":\"a\",\"value\":1.5}",
                        "{\"timestamp\":\"2026-03-01T10:00:01Z\",\"host\":\"a\",\"value\":2}");
    }

    @Test
    void anUnreachableBrokerIsAOneLineErrorWithinTheTimeout() {
        long started = System.nanoTime();

        Result result = CliDriver.run(new GenerateCommand(), "--bootstrap-server", "127.0.0.1:1", "--count", "1",
                "--timeout", "3s");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.errLines()).containsExactly("generate: cannot reach Kafka at 127.0.0.1:1 within 3s "
                + "(is a broker running there? 'anomaly broker' starts one)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
