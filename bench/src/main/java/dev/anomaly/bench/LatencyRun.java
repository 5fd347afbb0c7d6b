package dev.anomaly.bench;

import dev.anomaly.common.event.MetricEvent;
import dev.anomaly.common.event.MetricEventJson;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.common.sink.KafkaEventSink;
import dev.anomaly.common.sink.OutgoingRecord;
import dev.anomaly.generator.simulation.MetricsSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Latency at a fixed input rate: events are produced at {@code rate} per second into a topic that a
 * detector (with --normal-topic, so every event has exactly one output) reads; a read_committed consumer
 * in this JVM reads the outputs. Per event: the time from just before the input's {@code send} to the poll
 * that returned its output, both on this JVM's clock; the output is matched to its input by host and
 * timestamp. The input producer is {@code anomaly generate}'s, without its 10 ms batching delay, so the
 * figure is the broker write, the detector (poll, score, one transaction) and the read_committed fetch.
 * The first seconds (the detector JVM warming up) are produced but not measured.
 */
final class LatencyRun {
    private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    private LatencyRun() {
    }

    /**
     * @param p50Ms median latency
     * @param p99Ms 99th percentile
     * @param p999Ms 99.9th percentile
     * @param maxMs the slowest measured event
     * @param outputCreatedP50Ms the median time from the input's send to the creation of its output record
     *     (the output's CreateTime, set by the detector's producer; millisecond resolution): the detector's
     *     part of the latency, the rest being the transaction commit and the read_committed fetch
     * @param outputCreatedP99Ms its 99th percentile
     * @param measured events measured (after the warm-up)
     * @param missing measured events without an output by the end (0 for a correct detector)
     * @param duplicates outputs seen more than once (0 for exactly-once)
     * @param achievedRate events per second the producer actually sent
     * @param peakRssKb the detector's VmHWM
     */
    record Result(double p50Ms, double p99Ms, double p999Ms, double maxMs, double outputCreatedP50Ms,
                  double outputCreatedP99Ms, long measured, long missing, long duplicates, double achievedRate,
                  long peakRssKb) {
    }

    /**
     * @param detector the detector JVM, started on {@code inputTopic} with every event routed to
     *     {@code outputTopics}
     */
    static Result measure(String bootstrapServers, String inputTopic, List<String> outputTopics, ChildJvm detector,
                          GroupWatcher group, BenchEvents events, int rate, int warmupSeconds, int seconds,
                          ShutdownSignal stop, Consumer<String> progress) throws InterruptedException {
        awaitAssignment(detector, group, stop);
        int warmup = rate * warmupSeconds;
        int total = warmup + rate * seconds;
        AtomicLongArray sentAt = new AtomicLongArray(total);
        OutputReader reader = new OutputReader(bootstrapServers, outputTopics, events, sentAt, warmup);
        Thread readerThread = new Thread(reader, "bench-latency-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        try {
            reader.awaitReady();
            progress.accept(String.format("producing %,d events/s for %d s (%d s warm-up, not measured)", rate,
                    warmupSeconds + seconds, warmupSeconds));
            double achieved = produce(bootstrapServers, inputTopic, events, rate, sentAt, detector, stop);
            long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (reader.seen() < total && System.nanoTime() < drainDeadline && detector.isAlive()) {
                if (stop.awaitRequest(Duration.ofMillis(50))) {
                    throw new BenchException("stopped");
                }
            }
            reader.stop();
            readerThread.join(10_000);
            reader.throwIfFailed();
            int code = detector.awaitExit(EXIT_TIMEOUT);
            if (code != 0) {
                throw new BenchException("the latency detector JVM exited with code " + code + detector.lastLines());
            }
            return reader.result(achieved, detector.peakRssKb());
        } finally {
            reader.stop();
        }
    }

    private static void awaitAssignment(ChildJvm detector, GroupWatcher group, ShutdownSignal stop)
            throws InterruptedException {
        long deadline = System.nanoTime() + ASSIGNMENT_TIMEOUT.toNanos();
        while (!group.assigned()) {
            if (!detector.isAlive()) {
                throw new BenchException("the latency detector JVM exited with code "
                        + detector.awaitExit(EXIT_TIMEOUT) + " before it was assigned its partitions"
                        + detector.lastLines());
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException("the latency detector was not assigned its partitions within "
                        + ASSIGNMENT_TIMEOUT.toSeconds() + " s" + detector.lastLines());
            }
            if (stop.awaitRequest(Duration.ofMillis(20))) {
                throw new BenchException("stopped");
            }
        }
    }

    /** Sends event i at {@code start + i / rate}; returns the rate achieved. */
    private static double produce(String bootstrapServers, String topic, BenchEvents events, int rate,
                                  AtomicLongArray sentAt, ChildJvm detector, ShutdownSignal stop) {
        KafkaClientSettings kafka = new KafkaClientSettings(bootstrapServers, Optional.empty(),
                Map.of(ProducerConfig.LINGER_MS_CONFIG, "0"));
        MetricsSimulator simulator = events.simulator();
        int total = sentAt.length();
        try (KafkaEventSink sink = KafkaEventSink.open(kafka, topic, Duration.ofSeconds(30))) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                MetricEvent event = simulator.next();
                OutgoingRecord record = new OutgoingRecord(event.host(), MetricEventJson.toBytes(event), event);
                long due = start + (long) (i * 1e9 / rate);
                long now = System.nanoTime();
                if (now < due) {
                    LockSupport.parkNanos(due - now);
                }
                sentAt.set(i, System.nanoTime());
                sink.send(record);
                if (i % rate == 0 && (stop.isRequested() || !detector.isAlive())) {
                    throw new BenchException(stop.isRequested() ? "stopped"
                            : "the latency detector JVM stopped while events were produced" + detector.lastLines());
                }
            }
            double achieved = total / ((System.nanoTime() - start) / 1e9);
            sink.flush();
            return achieved;
        }
    }

    /** Reads the detector's outputs with read_committed and records each measured event's latency. */
    private static final class OutputReader implements Runnable {
        private final String bootstrapServers;
        private final List<String> topics;
        private final BenchEvents events;
        private final AtomicLongArray sentAt;
        private final int warmup;
        private final long[] latencies;
        private final long[] untilCreated;
        /** Adds to System.nanoTime() to give wall-clock nanoseconds, the clock of record timestamps. */
        private final long wallClockOffsetNanos = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
        private final BitSet outputs;
        private final AtomicLong seen = new AtomicLong();
        private final CountDownLatch ready = new CountDownLatch(1);
        private final AtomicReference<KafkaConsumer<byte[], byte[]>> consumer = new AtomicReference<>();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private volatile boolean stopped;
        private long duplicates;

        OutputReader(String bootstrapServers, List<String> topics, BenchEvents events, AtomicLongArray sentAt,
                     int warmup) {
            this.bootstrapServers = bootstrapServers;
            this.topics = List.copyOf(topics);
            this.events = events;
            this.sentAt = sentAt;
            this.warmup = warmup;
            this.latencies = new long[sentAt.length() - warmup];
            Arrays.fill(latencies, -1);
            this.untilCreated = new long[latencies.length];
            this.outputs = new BitSet(sentAt.length());
        }

        @Override
        public void run() {
            Properties properties = new Properties();
            properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer.set(reader);
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    reader.partitionsFor(topic, Duration.ofSeconds(30))
                            .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                partitions.forEach(partition -> reader.position(partition, Duration.ofSeconds(30)));
                ready.countDown();
                while (!stopped) {
                    ConsumerRecords<byte[], byte[]> records = reader.poll(POLL);
                    long now = System.nanoTime();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        long index = OutputIdentity.index(events, record.key(), record.value());
                        if (index < 0 || index >= sentAt.length()) {
                            throw new BenchException("the latency detector wrote an output that matches no input: "
                                    + new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                        record((int) index, record.timestamp(), now);
                    }
                }
            } catch (WakeupException e) {
                // stop() during a poll.
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                ready.countDown();
            }
        }

        private void record(int index, long createdAtMillis, long receivedAt) {
            if (outputs.get(index)) {
                duplicates++;
                return;
            }
            outputs.set(index);
            seen.incrementAndGet();
            if (index >= warmup) {
                long sent = sentAt.get(index);
                latencies[index - warmup] = receivedAt - sent;
                untilCreated[index - warmup] = createdAtMillis * 1_000_000 - (sent + wallClockOffsetNanos);
            }
        }

        void awaitReady() throws InterruptedException {
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new BenchException("the latency output reader did not start within 60 s");
            }
            throwIfFailed();
        }

        long seen() {
            return seen.get();
        }

        void stop() {
            stopped = true;
            KafkaConsumer<byte[], byte[]> reader = consumer.get();
            if (reader != null) {
                reader.wakeup();
            }
        }

        void throwIfFailed() {
            RuntimeException e = failure.get();
            if (e instanceof BenchException bench) {
                throw bench;
            }
            if (e != null) {
                throw new BenchException("reading the latency outputs failed: " + e.getMessage(), e);
            }
        }

        /** Called after the reader thread ended. */
        Result result(double achievedRate, long peakRssKb) {
            long[] measured = Arrays.stream(latencies).filter(latency -> latency >= 0).sorted().toArray();
            long[] created = java.util.stream.IntStream.range(0, latencies.length).filter(i -> latencies[i] >= 0)
                    .mapToLong(i -> untilCreated[i]).sorted().toArray();
            long missing = latencies.length - measured.length;
            if (measured.length == 0) {
                throw new BenchException("no output of a measured event arrived within " + DRAIN_TIMEOUT.toSeconds()
                        + " s of the last input");
            }
            return new Result(millis(Percentiles.of(measured, 50)), millis(Percentiles.of(measured, 99)),
                    millis(Percentiles.of(measured, 99.9)), millis(measured[measured.length - 1]),
                    millis(Percentiles.of(created, 50)), millis(Percentiles.of(created, 99)), measured.length,
                    missing, duplicates, achievedRate, peakRssKb);
        }

        private static double millis(long nanos) {
            return nanos / 1e6;
        }
    }
}
