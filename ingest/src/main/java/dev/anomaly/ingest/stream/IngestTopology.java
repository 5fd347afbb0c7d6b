package dev.anomaly.ingest.stream;

import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Agent records in, one event per host per aligned interval out:
 * <pre>
 * IN ─ parse ─┬─ unreadable ───────────────────────────────────────────────── IN.dlq
 *             └─ readable ─ by host (repartition) ─ rates ─ intervals ─ event ─ OUT
 * </pre>
 * Repartitioning by host puts each host's series in one task, whatever the agent used as key, so rates and
 * intervals are computed once per host however many instances run. Each interval is written once, when it can
 * no longer change ({@link IntervalAggregator}); previous totals, open intervals and each host's time live in
 * state stores with changelogs, so a restart loses and repeats no interval.
 */
public final class IngestTopology {
    private IngestTopology() {
    }

    public static Topology build(IngestSettings settings, IngestCounters counters) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CounterRates.STORE),
                Serdes.String(), CounterRates.totalSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                IntervalAggregator.HOSTS), Serdes.String(), HostState.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                IntervalAggregator.INTERVALS), Serdes.String(), Bucket.serde()));

        KStream<byte[], byte[]> records = builder.stream(settings.inputTopic(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("agent-records"));
        Map<String, KStream<String, ParseOutcome>> outcomes = records
                .process(() -> new RecordParser(settings.format(), counters), Named.as("parse"))
                .split(Named.as("parsed-"))
                .branch((host, outcome) -> outcome instanceof ParseOutcome.DeadLetter, Branched.as("unreadable"))
                .defaultBranch(Branched.as("readable"));

        outcomes.get("parsed-unreadable")
                .map((none, outcome) -> {
                    ParseOutcome.DeadLetter letter = (ParseOutcome.DeadLetter) outcome;
                    return KeyValue.pair(letter.key(), letter.value());
                }, Named.as("dead-letter"))
                .to(settings.deadLetterTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("dead-letters"));

        outcomes.get("parsed-readable")
                .mapValues(outcome -> ((ParseOutcome.Readable) outcome).readings(), Named.as("readings"))
                .repartition(Repartitioned.with(Serdes.String(), ReadingsSerde.serde()).withName("by-host"))
                .process(() -> new CounterRates(settings.idleTimeout()), Named.as("rates"), CounterRates.STORE)
                .process(() -> new IntervalAggregator(settings, counters), Named.as("intervals"),
                        IntervalAggregator.HOSTS, IntervalAggregator.INTERVALS)
                .to(settings.outputTopic(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("events"));
        return builder.build();
    }
}
