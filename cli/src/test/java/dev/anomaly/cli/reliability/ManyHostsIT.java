package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.AnomalyProcess;
import dev.anomaly.testkit.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 9: a million distinct hosts (a stream of random keys) through {@code detect --window 5} and
 * through {@code alert}, each with the launcher's default heap: per-host state stays bounded by the hosts
 * that are active, and neither tool runs out of memory or slows to a crawl scanning every host per record.
 */
class ManyHostsIT {
    private static final int HOSTS = 1_000_000;
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aMillionDistinctHostsFitTheDefaultHeapOfDetectAndAlert() throws Exception {
        try (Pipeline pipeline = Pipeline.start(dir)) {
            Path models = pipeline.trainModel("model", 5);
            Random random = new Random(3);
            // Both inputs first, complete before either tool starts (so their idle exits are safe); then detect
            // and alert run at once, each on its own topic: the scenario takes the longer of the two, not the sum.
            // All within one minute of event time: no host is idle yet, every window is held at once.
            produce(pipeline, "hosts-in", i -> String.format(Locale.ROOT, "{\"timestamp\":\"%s\",\"host\":\"host-%d\","
                    + "\"cpu_usage\":%.1f,\"memory_usage\":%.1f,\"response_time_ms\":%.1f,\"disk_io_mb\":%.1f,"
                    + "\"network_io_mb\":%.1f}", T0.plusMillis(i / 20), i, 20 + 10 * random.nextDouble(),
                    40 + 10 * random.nextDouble(), 120 + 30 * random.nextDouble(), 50 * random.nextDouble(),
                    100 * random.nextDouble()));
            // An anomaly of every host, a millisecond apart: messages are rendered as a dry run, at CPU speed.
            produce(pipeline, "hosts-anomalies", i -> String.format(Locale.ROOT, "{\"timestamp\":\"%s\","
                    + "\"host\":\"host-%d\",\"cpu_usage\":95.0,\"error\":1.5,\"threshold\":0.5,\"confidence\":3.0,"
                    + "\"severity\":\"HIGH\",\"contributions\":[{\"feature\":\"cpu_usage\",\"share\":1.0}],"
                    + "\"model_version\":\"v1\",\"detected_at\":\"2026-03-01T00:00:00Z\"}", T0.plusMillis(i), i));

            long started = System.nanoTime();
            try (AnomalyProcess detect = AnomalyProcess.startWithDefaultHeapDiscardingStdout("detect",
                         "--bootstrap-server", pipeline.bootstrap(), "--topic", "hosts-in", "--group-id", "hosts",
                         "--model-dir", models.toString(), "--stop-when-idle", "5s");
                 AnomalyProcess alert = AnomalyProcess.startWithDefaultHeapDiscardingStdout("alert",
                         "--bootstrap-server", pipeline.bootstrap(), "--topic", "hosts-anomalies", "--group-id",
                         "hosts-alerter", "--dry-run", "--group-wait", "1s", "--resolve-after", "5s",
                         "--exit-when-idle", "5s")) {
                // Each measured on a thread of its own, since both run at once.
                ExecutorService measuring = Executors.newFixedThreadPool(2);
                try {
                    Future<Run> detectRun = measuring.submit(() -> Run.of(detect, started));
                    Future<Run> alertRun = measuring.submit(() -> Run.of(alert, started));
                    Run detected = result(detectRun);
                    Run alerted = result(alertRun);
                    assertThat(detect.exitCode()).as(detect.errLines().toString()).isZero();
                    assertThat(detect.errLines()).anyMatch(line -> line.startsWith("Processed 1,000,000 events"));
                    assertThat(alert.exitCode()).as(alert.errLines().toString()).isZero();
                    assertThat(alert.errLines()).anyMatch(line -> line.startsWith("Consumed 1,000,000 anomalies"));
                    System.out.printf("[many hosts] %,d distinct hosts with -Xmx1g, detect and alert at once: detect "
                            + "--window 5 %d s, peak RSS %,d MB; alert %d s, peak RSS %,d MB%n", HOSTS,
                            detected.took().toSeconds(), detected.peakMb(), alerted.took().toSeconds(),
                            alerted.peakMb());
                } finally {
                    measuring.shutdownNow();
                }
            }
        }
    }

    /** How long a tool ran, and its peak resident set size. */
    private record Run(Duration took, long peakMb) {
        static Run of(AnomalyProcess process, long started) {
            long peakMb = process.awaitExitMeasuringPeakRssMb(Duration.ofSeconds(900));
            return new Run(Duration.ofNanos(System.nanoTime() - started), peakMb);
        }
    }

    /** The run's result; its own failure (a timeout) as it is, not wrapped. */
    private static Run result(Future<Run> run) throws InterruptedException {
        try {
            return run.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void produce(Pipeline pipeline, String topic, java.util.function.IntFunction<String> json) {
        Properties properties = KafkaTestCluster.producerProperties(pipeline.bootstrap());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < HOSTS; i++) {
                producer.send(new ProducerRecord<>(topic, ("host-" + i).getBytes(StandardCharsets.UTF_8),
                        json.apply(i).getBytes(StandardCharsets.UTF_8)), (metadata, error) -> {
                            if (error != null) {
                                failed.compareAndSet(null, error);
                            }
                        });
            }
        }
        assertThat(failed.get()).as("input not stored").isNull();
    }
}
