package dev.anomaly.bench;

import dev.anomaly.common.event.MetricEvent;
import dev.anomaly.common.event.MetricEventJson;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.common.sink.KafkaEventSink;
import dev.anomaly.common.sink.OutgoingRecord;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Fills the input topic with generated events through {@code anomaly generate}'s own producer
 * (idempotent, acks=all, lz4, 10 ms batching), key = host.
 */
final class Preloader {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PROGRESS_EVERY = 100_000;

    private Preloader() {
    }

    /**
     * Sends {@code count} events and waits until Kafka has stored them all.
     *
     * @return events per second, from the first send to the end of the final flush
     */
    static double preload(KafkaClientSettings kafka, String topic, BenchEvents events, long count,
                          ShutdownSignal stop, LongConsumer progress) {
        return preload(kafka, topic, events.simulator()::next, count, stop, progress);
    }

    /** The same with events from {@code source}. */
    static double preload(KafkaClientSettings kafka, String topic, Supplier<MetricEvent> source, long count,
                          ShutdownSignal stop, LongConsumer progress) {
        return preloadRecords(kafka, topic, () -> {
            MetricEvent event = source.get();
            return new OutgoingRecord(event.host(), MetricEventJson.toBytes(event), event);
        }, count, stop, progress);
    }

    /** The same with records of any shape, key and value as {@code source} makes them. */
    static double preloadRecords(KafkaClientSettings kafka, String topic, Supplier<OutgoingRecord> source, long count,
                                 ShutdownSignal stop, LongConsumer progress) {
        try (KafkaEventSink sink = KafkaEventSink.open(kafka, topic, TIMEOUT)) {
            long started = System.nanoTime();
            for (long i = 0; i < count; i++) {
                sink.send(source.get());
                if ((i + 1) % PROGRESS_EVERY == 0) {
                    if (stop.isRequested()) {
                        throw new BenchException("stopped");
                    }
                    progress.accept(i + 1);
                }
            }
            sink.flush();
            return count / ((System.nanoTime() - started) / 1e9);
        }
    }
}
