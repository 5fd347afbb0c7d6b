package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ingest} killed with SIGKILL twice while it aggregates: every interval of every host is written exactly
 * once, with the mean of its values and the rates of its running totals, as if nothing had happened (window
 * contents, previous totals and held intervals come back from their changelogs; the open transactions of the
 * killed processes are never read).
 */
@ExtendWith(KafkaBrokerExtension.class)
class IngestRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-03T00:00:00Z");
    private static final int HOSTS = 4;
    private static final int SECONDS = 120;
    private static final int ALIGN = 10;
    /** [110 s, 120 s) never closes: nothing comes after it. */
    private static final int INTERVALS = SECONDS / ALIGN - 1;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void everyIntervalIsWrittenOnceWithItsValuesThroughTwoKills(KafkaTestCluster kafka) throws IOException {
        String in = KafkaTestCluster.uniqueName("telegraf");
        String events = in + ".events";
        kafka.createTopic(in, 3);

        produce(kafka, in, 0, 60);
        runUntilKilled(kafka, in, events, HOSTS * 3);
        produce(kafka, in, 60, 90);
        runUntilKilled(kafka, in, events, HOSTS * 7);
        produce(kafka, in, 90, SECONDS);
        try (AnomalyProcess ingest = start(kafka, in, events)) {
            kafka.readUntil(events, records -> records.size() >= HOSTS * INTERVALS, WAIT);
            ingest.terminate();
            assertThat(ingest.awaitExit(WAIT)).as(String.join("\n", ingest.errLines())).isIn(0, 143);
            assertThat(ingest.errLines()).anyMatch(line -> line.contains(" 0 late readings dropped"));
        }

        List<ConsumerRecord<String, byte[]>> written = kafka.readAll(events, Duration.ofSeconds(30));
        assertThat(kafka.readAll(in + ".dlq", Duration.ofSeconds(5))).isEmpty();
        assertThat(written).as("one event per host and interval, none twice").hasSize(HOSTS * INTERVALS);
        Map<String, JsonNode> byInterval = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : written) {
            JsonNode event = JSON.readTree(record.value());
            assertThat(byInterval.put(record.key() + "@" + event.get("timestamp").asText(), event)).isNull();
        }
        for (int host = 0; host < HOSTS; host++) {
            for (int interval = 0; interval < INTERVALS; interval++) {
                JsonNode event = byInterval.get("h" + host + "@" + T0.plusSeconds((long) interval * ALIGN));
                assertThat(event).as("h%d, interval %d", host, interval).isNotNull();
                assertThat(event.get("memory_usage").asDouble()).isCloseTo(meanValue(host, interval), within(1e-9));
                assertThat(event.get("net.bytes_recv").asDouble()).isCloseTo(meanRate(host, interval), within(1e-6));
            }
        }
    }

    private static void runUntilKilled(KafkaTestCluster kafka, String in, String events, int written) {
        try (AnomalyProcess ingest = start(kafka, in, events)) {
            kafka.readUntil(events, records -> records.size() >= written, WAIT);
            ingest.kill();
            ingest.awaitExit(WAIT);
        }
    }

    private static AnomalyProcess start(KafkaTestCluster kafka, String in, String events) {
        AnomalyProcess ingest = AnomalyProcess.start("ingest", "--bootstrap-server", kafka.bootstrapServers(),
                "--format", "influx", "--topic", in, "--output-topic", events, "--align", ALIGN + "s", "--grace", "0s",
                "--instance-id", "ingest-it");
        ingest.awaitErr("Ingesting " + in, WAIT);
        return ingest;
    }

    /**
     * Telegraf's lines for seconds [from, to): a gauge and a running total per host, keyed by the host (Telegraf's
     * routing_tag = "host"), so that each host's records stay in order across the input's partitions.
     */
    private static void produce(KafkaTestCluster kafka, String topic, int from, int to) {
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            for (int second = from; second < to; second++) {
                long nanos = T0.plusSeconds(second).toEpochMilli() * 1_000_000L;
                for (int host = 0; host < HOSTS; host++) {
                    String lines = "mem,host=h" + host + " used_percent=" + value(host, second) + " " + nanos + "\n"
                            + "net,host=h" + host + ",interface=eth0 bytes_recv=" + total(host, second) + "i " + nanos;
                    producer.send(new ProducerRecord<>(topic, ("h" + host).getBytes(StandardCharsets.UTF_8),
                            lines.getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
    }

    private static double value(int host, int second) {
        return (second * 7 + host * 13) % 50 + 0.5 * host;
    }

    private static long increment(int host, int second) {
        return 1000L * ((second + host) % 5 + 1);
    }

    private static long total(int host, int second) {
        long total = 0;
        for (int s = 0; s <= second; s++) {
            total += increment(host, s);
        }
        return total;
    }

    private static double meanValue(int host, int interval) {
        double sum = 0;
        for (int s = interval * ALIGN; s < (interval + 1) * ALIGN; s++) {
            sum += value(host, s);
        }
        return sum / ALIGN;
    }

    /** Rates come from consecutive seconds; the first second of all has no rate. */
    private static double meanRate(int host, int interval) {
        double sum = 0;
        int count = 0;
        for (int s = Math.max(1, interval * ALIGN); s < (interval + 1) * ALIGN; s++) {
            sum += increment(host, s);
            count++;
        }
        return sum / count;
    }
}
