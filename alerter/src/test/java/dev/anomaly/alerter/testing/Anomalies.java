package dev.anomaly.alerter.testing;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.alerting.testing.AnomalyRecords;
import dev.anomaly.testkit.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Anomaly records as {@code anomaly detect} writes them (the input contract), for tests. */
public final class Anomalies {
    private Anomalies() {
    }

    /** The JSON of an anomaly of {@code host} at {@code at}: HIGH above confidence 2, MEDIUM above 1. */
    public static String json(String host, Instant at, double confidence) {
        return AnomalyRecords.json(host, at, confidence);
    }

    /** The same anomaly as the alerter reads it. */
    public static Anomaly anomaly(String host, Instant at, double confidence) {
        return AnomalyRecords.anomaly(host, at, confidence);
    }

    /** A record to produce: key = host, as the detector writes it. */
    public record Item(String host, String json) {
        public static Item of(String host, Instant at, double confidence) {
            return new Item(host, Anomalies.json(host, at, confidence));
        }
    }

    /** Produces the records to the topic, in order, and waits until Kafka has them all. */
    public static void produce(KafkaTestCluster kafka, String topic, List<Item> items) {
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            for (Item item : items) {
                producer.send(new ProducerRecord<>(topic, item.host(), item.json().getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }
}
