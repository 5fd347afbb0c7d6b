package dev.anomaly.ingest.stream;

import dev.anomaly.ingest.format.HostReadings;
import dev.anomaly.ingest.format.Reading;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns running totals into rates per second, from each series' previous total kept in a state store (so a
 * restart or a move to another instance goes on from where it was). The first total of a series, a counter
 * that went back (reset) and a total not newer than the previous one give no rate. Series silent for longer
 * than the idle timeout are forgotten, so hosts that come and go do not grow the store for ever.
 */
final class CounterRates implements Processor<String, HostReadings, String, HostReadings> {
    static final String STORE = "previous-totals";
    private static final Duration EVICTION_PERIOD = Duration.ofMinutes(1);

    private final Duration idleTimeout;
    private KeyValueStore<String, double[]> previous;
    private ProcessorContext<String, HostReadings> context;

    CounterRates(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void init(ProcessorContext<String, HostReadings> context) {
        this.context = context;
        this.previous = context.getStateStore(STORE);
        context.schedule(EVICTION_PERIOD, PunctuationType.STREAM_TIME, this::evictIdle);
    }

    @Override
    public void process(Record<String, HostReadings> record) {
        HostReadings readings = record.value();
        long time = readings.timestampMillis();
        List<Reading> gauges = new ArrayList<>(readings.readings().size());
        for (Reading reading : readings.readings()) {
            if (reading.kind() == Reading.Kind.GAUGE) {
                gauges.add(reading);
                continue;
            }
            String key = readings.host() + '\u0000' + reading.series().feature() + '\u0000'
                    + reading.series().tags();
            double[] before = previous.get(key);
            if (before != null && time <= (long) before[0]) {
                continue;
            }
            previous.put(key, new double[] {time, reading.value()});
            if (before == null) {
                continue;
            }
            double grown = reading.value() - before[1];
            if (reading.kind() == Reading.Kind.COUNTER && grown < 0) {
                continue;
            }
            double rate = grown / ((time - (long) before[0]) / 1000.0);
            if (Double.isFinite(rate)) {
                gauges.add(new Reading(reading.series(), rate, Reading.Kind.GAUGE));
            }
        }
        if (!gauges.isEmpty()) {
            context.forward(record.withValue(new HostReadings(readings.host(), time, gauges)));
        }
    }

    private void evictIdle(long streamTime) {
        long oldest = streamTime - idleTimeout.toMillis();
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, double[]> all = previous.all()) {
            while (all.hasNext()) {
                KeyValue<String, double[]> entry = all.next();
                if ((long) entry.value[0] < oldest) {
                    idle.add(entry.key);
                }
            }
        }
        idle.forEach(previous::delete);
    }

    /** A previous total: its time in epoch milliseconds and its value, 16 bytes. */
    static Serde<double[]> totalSerde() {
        return Serdes.serdeFrom((Serializer<double[]>) (topic, total) -> total == null ? null
                        : ByteBuffer.allocate(16).putLong((long) total[0]).putDouble(total[1]).array(),
                (Deserializer<double[]>) (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    return new double[] {buffer.getLong(), buffer.getDouble()};
                });
    }
}
