package dev.anomaly.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The agent on this machine (OSHI) and against a real node_exporter (Debian's prometheus-node-exporter,
 * which .ci/run installs), producing well-formed events of the schema.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AgentIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NODE_EXPORTER = Path.of("/usr/bin/prometheus-node-exporter");

    @Test
    void thisMachinesMetricsReachTheTopicKeyedByTheHost(KafkaTestCluster kafka) throws IOException {
        String topic = KafkaTestCluster.uniqueName("agent");

        CliDriver.Result result = CliDriver.run(new AgentCommand(), "--bootstrap-server", kafka.bootstrapServers(),
                "--topic", topic, "--host", "it-host", "--interval", "300ms", "--count", "3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("Sent 3 events for it-host from this machine");
        List<ConsumerRecord<String, byte[]>> records = kafka.readAll(topic, Duration.ofSeconds(30));
        assertThat(records).hasSize(3);
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(record.key()).isEqualTo("it-host");
            assertWellFormed(JSON.readTree(record.value()), "it-host");
        }
    }

    @Test
    void aNodeExportersExpositionGivesTheSameFields() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(NODE_EXPORTER), NODE_EXPORTER + " is missing: .ci/run installs "
                + "prometheus-node-exporter");
        int port = freePort();
        Process exporter = new ProcessBuilder(NODE_EXPORTER.toString(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
            awaitServing(metrics, exporter);

            CliDriver.Result result = CliDriver.run(new AgentCommand(), "--scrape", metrics.toString(), "--print",
                    "--interval", "500ms", "--count", "2");

            assertThat(result.exitCode()).as(result.err()).isZero();
            List<String> lines = result.out().lines().toList();
            assertThat(lines).hasSize(2);
            for (String line : lines) {
                assertWellFormed(JSON.readTree(line), null);
            }
        } finally {
            exporter.destroy();
            exporter.waitFor();
        }
    }

    private static void assertWellFormed(JsonNode event, String host) {
        assertThat(event.path("timestamp").isTextual()).isTrue();
        assertThat(event.path("host").asText()).isNotBlank();
        if (host != null) {
            assertThat(event.path("host").asText()).isEqualTo(host);
        }
        assertThat(event.path("cpu_usage").asDouble(-1)).isBetween(0.0, 100.0);
        assertThat(event.path("memory_usage").asDouble(-1)).isBetween(0.0, 100.0);
        assertThat(event.path("disk_io_mb").asDouble(-1)).isNotNegative();
        assertThat(event.path("network_io_mb").asDouble(-1)).isNotNegative();
        assertThat(event.has("response_time_ms")).as("no --probe, no response time").isFalse();
        assertThat(event.path("label").isNull()).isTrue();
    }

    /** Polls until the exporter answers (it binds its port a moment after starting). */
    private static void awaitServing(URI metrics, Process exporter) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> errors = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            assertThat(exporter.isAlive()).as("node_exporter exited with %s", errors).isTrue();
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(metrics).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                errors.add(e.toString());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node_exporter did not serve " + metrics + " within 30 s: " + errors);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
