package dev.anomaly.cli.bench;

import dev.anomaly.common.console.Console;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.model.ModelStore;
import dev.anomaly.detector.stream.StreamSettings;
import dev.anomaly.detector.stream.StreamingDetector;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.Producer;

/**
 * The Kafka clients of {@code anomaly detect}, taken from {@link StreamingDetector} itself so that the
 * pass-through can never drift from the detector's settings: the consumer configuration and the producer
 * (idempotent, transactional for exactly-once with {@code initTransactions} done, batching, compression).
 */
final class DetectorClients {
    private final StreamingDetector detector;

    DetectorClients(KafkaClientSettings kafka, StreamSettings settings) {
        // Neither method reads the model or prints: a placeholder store and a silent console suffice.
        PrintWriter silent = new PrintWriter(OutputStream.nullOutputStream());
        this.detector = new StreamingDetector(kafka, settings, new ModelStore(Path.of("unused")),
                new Console(silent, silent, true, false), null);
    }

    /** The detector's consumer configuration (group, offsets, fetch sizes, read_committed, no auto-commit). */
    Properties consumerProperties() {
        return detector.consumerProperties();
    }

    /** A producer exactly as the detector builds it, transactions initialised for exactly-once. */
    Producer<byte[], byte[]> newProducer() {
        return detector.newProducer();
    }
}
