package dev.anomaly.ingest.stream;

import dev.anomaly.ingest.format.AgentFormat;
import dev.anomaly.ingest.format.HostReadings;
import dev.anomaly.ingest.format.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Each host's readings into epoch-aligned intervals, each written once as an event when it can no longer change.
 *
 * <p>Time is each host's own: an interval closes when the host's newest reading is past its end plus the grace
 * period, or, for a host gone quiet, when it has sent nothing for that long by the clock. Kafka Streams' windows
 * close on a task's time instead, which mixes every host (and, after repartitioning, every input partition):
 * a backlog from a restarted instance or one host with its clock ahead would make the others' records late.
 *
 * <p>A host's first interval is held back until the next one closes and written only if it has every standard
 * field the next one has: an agent does not know its first rates, and {@code detect} would refuse the event.
 *
 * <p>Everything lives in two state stores with changelogs, written in the same transaction as the events, so a
 * restart (even after kill -9) goes on exactly where the last commit left off. A host silent for the idle timeout
 * is forgotten and starts again as new.
 */
final class IntervalAggregator implements Processor<String, HostReadings, String, byte[]> {
    static final String HOSTS = "host-states";
    static final String INTERVALS = "open-intervals";

    private final AgentFormat format;
    private final IngestCounters counters;
    private final long align;
    private final long grace;
    private final long idleTimeout;
    private final Duration punctuation;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, HostState> hosts;
    private KeyValueStore<String, Bucket> intervals;

    IntervalAggregator(IngestSettings settings, IngestCounters counters) {
        this.format = settings.format();
        this.counters = counters;
        this.align = settings.align().toMillis();
        this.grace = settings.grace().toMillis();
        this.idleTimeout = settings.idleTimeout().toMillis();
        this.punctuation = Duration.ofMillis(Math.max(1_000, Math.min(align, 10_000)));
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.hosts = context.getStateStore(HOSTS);
        this.intervals = context.getStateStore(INTERVALS);
        context.schedule(punctuation, PunctuationType.WALL_CLOCK_TIME, this::closeQuietHosts);
    }

    @Override
    public void process(Record<String, HostReadings> record) {
        String host = record.key();
        HostReadings readings = record.value();
        long time = readings.timestampMillis();
        HostState state = hosts.get(host);
        if (state == null) {
            state = new HostState();
        }
        state.lastArrivalWallMillis = context.currentSystemTimeMs();
        long start = Math.floorDiv(time, align) * align;
        if (state.watermark != Long.MIN_VALUE && closes(start) <= state.watermark) {
            counters.late(readings.readings().size());
        } else {
            Bucket bucket = intervals.get(intervalKey(host, start));
            if (bucket == null) {
                bucket = new Bucket();
                state.openStarts.add(start);
            }
            counters.refused(bucket.add(readings));
            intervals.put(intervalKey(host, start), bucket);
            state.watermark = Math.max(state.watermark, time);
        }
        closeDue(host, state, state.watermark);
        hosts.put(host, state);
    }

    /** When an interval's event is due: its end plus the grace period, in the host's time. */
    private long closes(long start) {
        return start + align + grace;
    }

    private void closeDue(String host, HostState state, long until) {
        while (!state.openStarts.isEmpty() && closes(state.openStarts.first()) <= until) {
            long start = state.openStarts.pollFirst();
            Bucket bucket = intervals.get(intervalKey(host, start));
            intervals.delete(intervalKey(host, start));
            if (bucket != null) {
                offer(host, state, start, bucket);
            }
        }
    }

    /** Writes a closed interval, or holds it back while the host starts. */
    private void offer(String host, HostState state, long start, Bucket bucket) {
        SortedMap<SeriesId, Double> means = bucket.means();
        if (means.isEmpty()) {
            return;
        }
        Map<String, Double> standardFields = format.standardFields(means);
        byte[] event = AlignedEventJson.toBytes(Instant.ofEpochMilli(start), host, standardFields, byFeature(means));
        if (state.started) {
            emit(host, start, event);
            return;
        }
        if (!state.holds()) {
            state.hold(start, new ArrayList<>(standardFields.keySet()), event);
            return;
        }
        if (state.heldFields.containsAll(standardFields.keySet())) {
            emit(host, state.heldStart, state.heldEvent);
            state.release();
            state.started = true;
            emit(host, start, event);
        } else {
            counters.incompleteStart();
            state.hold(start, new ArrayList<>(standardFields.keySet()), event);
        }
    }

    private void emit(String host, long start, byte[] event) {
        counters.event();
        context.forward(new Record<>(host, event, start, new RecordHeaders()));
    }

    /**
     * Closes the open intervals of hosts that sent nothing for an interval plus the grace period, and forgets
     * hosts silent for the idle timeout (their held first interval, if any, was never confirmed: dropped).
     */
    private void closeQuietHosts(long now) {
        List<KeyValue<String, HostState>> quiet = new ArrayList<>();
        try (KeyValueIterator<String, HostState> all = hosts.all()) {
            while (all.hasNext()) {
                KeyValue<String, HostState> entry = all.next();
                long silent = now - entry.value.lastArrivalWallMillis;
                if (silent >= idleTimeout || (silent >= align + grace && !entry.value.openStarts.isEmpty())) {
                    quiet.add(entry);
                }
            }
        }
        for (KeyValue<String, HostState> entry : quiet) {
            HostState state = entry.value;
            closeDue(entry.key, state, Long.MAX_VALUE);
            if (now - state.lastArrivalWallMillis >= idleTimeout) {
                hosts.delete(entry.key);
            } else {
                hosts.put(entry.key, state);
            }
        }
    }

    /** The host, then the start as 20 digits: one key per open interval. */
    private static String intervalKey(String host, long start) {
        return host + '\u0000' + String.format("%020d", start);
    }

    private static Map<String, Double> byFeature(SortedMap<SeriesId, Double> means) {
        Map<String, double[]> sums = new TreeMap<>();
        means.forEach((series, mean) -> {
            double[] sum = sums.computeIfAbsent(series.feature(), f -> new double[2]);
            sum[0] += mean;
            sum[1]++;
        });
        Map<String, Double> features = new TreeMap<>();
        sums.forEach((feature, sum) -> features.put(feature, sum[0] / sum[1]));
        return features;
    }
}
