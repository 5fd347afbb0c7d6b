package dev.anomaly.ingest.stream;

import dev.anomaly.ingest.format.AgentFormat;
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
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A closed interval of one host as an event: keyed by the host, timestamped with the interval's start. Series
 * that share a feature name (line protocol tags other than host) are averaged into it.
 *
 * <p>An agent does not know its first rates (collectd sends {@code null}, running totals need two values), so a
 * host's first interval often lacks standard fields that every later one has, and {@code detect} would refuse it.
 * A host's first interval is therefore held back until the next one closes, and written only if it has every
 * standard field the next one has; otherwise it is dropped and the next one is held instead. Once a host has
 * started, its intervals are written as they close. A host silent for the idle timeout starts again.
 */
final class BucketEmitter implements Processor<Windowed<String>, Bucket, String, byte[]> {
    static final String STORE = "host-starts";
    private static final Duration EVICTION_PERIOD = Duration.ofMinutes(1);

    private final AgentFormat format;
    private final IngestCounters counters;
    private final Duration idleTimeout;
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, HostStart> starts;

    BucketEmitter(AgentFormat format, IngestCounters counters, Duration idleTimeout) {
        this.format = format;
        this.counters = counters;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.starts = context.getStateStore(STORE);
        context.schedule(EVICTION_PERIOD, PunctuationType.STREAM_TIME, this::evictIdle);
    }

    @Override
    public void process(Record<Windowed<String>, Bucket> record) {
        Bucket bucket = record.value();
        if (bucket == null || bucket.isEmpty()) {
            return;
        }
        String host = record.key().key();
        long start = record.key().window().start();
        SortedMap<SeriesId, Double> means = bucket.means();
        Map<String, Double> standardFields = format.standardFields(means);
        byte[] event = AlignedEventJson.toBytes(Instant.ofEpochMilli(start), host, standardFields, byFeature(means));
        HostStart before = starts.get(host);
        if (before == null) {
            starts.put(host, HostStart.held(start, standardFields.keySet(), event));
            return;
        }
        if (!before.isStarted()) {
            if (start <= before.lastStart()) {
                return;
            }
            if (before.standardFields().containsAll(standardFields.keySet())) {
                emit(host, before.lastStart(), before.event());
            } else {
                counters.incompleteStart();
                starts.put(host, HostStart.held(start, standardFields.keySet(), event));
                return;
            }
        }
        starts.put(host, HostStart.started(Math.max(start, before.lastStart())));
        emit(host, start, event);
    }

    private void emit(String host, long start, byte[] event) {
        counters.event();
        context.forward(new Record<>(host, event, start, new RecordHeaders()));
    }

    private void evictIdle(long streamTime) {
        long oldest = streamTime - idleTimeout.toMillis();
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, HostStart> all = starts.all()) {
            while (all.hasNext()) {
                KeyValue<String, HostStart> entry = all.next();
                if (entry.value.lastStart() < oldest) {
                    idle.add(entry.key);
                }
            }
        }
        idle.forEach(starts::delete);
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
