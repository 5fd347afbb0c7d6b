package dev.anomaly.bench;

import dev.anomaly.common.event.MetricEventJson;
import dev.anomaly.common.event.MetricRecordParser;
import dev.anomaly.common.event.ParsedRecord;
import dev.anomaly.common.event.TimestampPolicy;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.model.AutoencoderModel;
import dev.anomaly.model.BatchScorer;
import dev.anomaly.model.BatchScores;
import dev.anomaly.model.InputLayout;
import dev.anomaly.model.InputMatrix;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelMetadata;
import dev.anomaly.model.WindowAssembler;
import dev.anomaly.generator.simulation.MetricsSimulator;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The tutorials' way of scoring: one network call per event. Each event's JSON is parsed with the
 * detector's parser, encoded into a 1-row input and scored alone with the DL4J network, as the tutorials
 * call {@code model.predict} per message (the forests score with their own per-row code); everything else is
 * as in the detector.
 * No Kafka is involved, so the figure is an upper bound for a per-record detector. Runs in this JVM on a
 * subset of events, after untimed warm-up calls.
 */
final class PerRecordScoring {
    private static final int MAX_WARMUP = 1000;

    private PerRecordScoring() {
    }

    /**
     * @param eventsPerSecond scored events per second over the timed events
     * @param events timed events
     * @param seconds their time
     * @param warmup untimed events scored before
     * @param anomalies timed events above the threshold (so the work cannot be optimised away)
     */
    record Result(double eventsPerSecond, int events, double seconds, int warmup, long anomalies) {
    }

    static Result measure(LoadedModel model, BenchEvents events, int count, ShutdownSignal stop) {
        int warmup = Math.min(MAX_WARMUP, Math.max(100, count / 5));
        MetricsSimulator simulator = events.simulator();
        byte[][] records = new byte[warmup + count][];
        for (int i = 0; i < records.length; i++) {
            records[i] = MetricEventJson.toBytes(simulator.next());
        }
        Scorer scorer = new Scorer(model);
        for (int i = 0; i < warmup; i++) {
            scorer.score(records[i]);
        }
        long anomalies = 0;
        long started = System.nanoTime();
        for (int i = warmup; i < records.length; i++) {
            if (scorer.score(records[i])) {
                anomalies++;
            }
            if (i % 100 == 0 && stop.isRequested()) {
                throw new BenchException("stopped");
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(count / seconds, count, seconds, warmup, anomalies);
    }

    /** One event at a time: parse, check, window, encode one row, one network call. */
    private static final class Scorer {
        private final ModelMetadata metadata;
        private final InputLayout layout;
        private final BatchScorer scorer;
        private final MultiLayerNetwork network;
        private final MetricRecordParser parser;
        private final ParsedRecord parsed;
        private final WindowAssembler windows;
        private final double[] window;
        private final BatchScores scores;

        Scorer(LoadedModel model) {
            this.metadata = model.metadata();
            this.layout = metadata.layout();
            this.scorer = model.newScorer();
            this.network = model.model() instanceof AutoencoderModel autoencoder ? autoencoder.network() : null;
            this.parser = new MetricRecordParser(metadata.spec().features(), MetricRecordParser.DEFAULT_MAX_BYTES,
                    layout.needsTime() ? TimestampPolicy.REQUIRED : TimestampPolicy.IGNORE, Set.of());
            this.parsed = new ParsedRecord(metadata.spec().featureCount());
            this.windows = new WindowAssembler(metadata.spec());
            this.window = new double[metadata.spec().metricInputs()];
            this.scores = new BatchScores(metadata.spec().featureCount());
        }

        /** Whether the event is an anomaly; false when it cannot be scored (yet). */
        boolean score(byte[] record) {
            parser.parse(record, parsed);
            if (!parsed.isValid() || metadata.firstImplausible(parsed.values()) >= 0
                    || !windows.push(parsed.host(), parsed.values(), window, 0)) {
                return false;
            }
            InputMatrix row = InputMatrix.allocate(1, layout.inputs());
            layout.encode(window, 0, parsed.epochMillis(), row.values(), 0);
            if (network == null) {
                scorer.score(row, scores);
                return scores.error(0) > scores.threshold(0);
            }
            try (INDArray input = row.toArray(); INDArray output = network.output(input, false)) {
                double total = 0;
                for (int i = 0; i < layout.metricInputs(); i++) {
                    double difference = output.getDouble(0, i) - row.values()[i];
                    total += difference * difference;
                }
                return total / layout.metricInputs() > metadata.threshold();
            }
        }
    }
}
