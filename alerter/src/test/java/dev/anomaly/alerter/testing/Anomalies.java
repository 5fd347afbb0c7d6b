package dev.anomaly.alerter.testing;

import dev.anomaly.alerter.event.Anomaly;
import dev.anomaly.alerter.event.AnomalyJson;
import dev.anomaly.testkit.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Anomaly records as {@code anomaly detect} writes them (the input contract), for tests. */
public final class Anomalies {
    private Anomalies() {
    }

    /** The JSON of an anomaly of {@code host} at {@code at}: HIGH above confidence 2, MEDIUM above 1. */
    public static String json(String host, Instant at, double confidence) {
        String severity = confidence > 2.0 ? "HIGH" : "MEDIUM";
        double threshold = 0.45;
        return String.format(Locale.ROOT, "{\"timestamp\":\"%s\",\"host\":\"%s\",\"cpu_usage\":87.5,"
                        + "\"memory_usage\":44.25,\"response_time_ms\":131.0,\"disk_io_mb\":50.12,"
                        + "\"network_io_mb\":99.99,\"label\":\"cpu_spike\",\"episode\":\"%s-e0\",\"error\":%s,"
                        + "\"threshold\":%s,\"confidence\":%s,\"severity\":\"%s\",\"contributions\":["
                        + "{\"feature\":\"cpu_usage\",\"share\":0.91},{\"feature\":\"memory_usage\",\"share\":0.05},"
                        + "{\"feature\":\"response_time_ms\",\"share\":0.02},{\"feature\":\"disk_io_mb\",\"share\":0.01},"
                        + "{\"feature\":\"network_io_mb\",\"share\":0.01}],\"model_version\":\"20261122T101500Z-3f9a2c\","
                        + "\"detected_at\":\"2026-11-22T10:15:03.123Z\"}",
                at, host, host, confidence * threshold, threshold, confidence, severity);
    }

    /** The same anomaly as the alerter reads it. */
    public static Anomaly anomaly(String host, Instant at, double confidence) {
        return AnomalyJson.parse(json(host, at, confidence).getBytes(StandardCharsets.UTF_8));
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
