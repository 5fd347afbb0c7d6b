package dev.anomaly.detector.stream;

import dev.anomaly.common.event.ScoredEventJson;
import dev.anomaly.detector.core.Detector;
import dev.anomaly.detector.rules.BoundRules;
import dev.anomaly.detector.state.HostWindows;
import dev.anomaly.detector.state.TypicalLimits;
import dev.anomaly.model.LoadedModel;
import dev.anomaly.model.ModelMetadata;

/**
 * Everything that changes together when the model changes — the model and its scorer, the record
 * decoder that reads its features, the writer that names its version — so that a switch is one assignment
 * between two batches.
 *
 * @param detector scores with the model, over the hosts' windows
 * @param decoder reads the model's features out of records
 * @param rules the alert rules, for the model's features
 * @param writer writes the scored records
 */
record ModelContext(Detector detector, KafkaRecordDecoder decoder, BoundRules rules, ScoredEventJson writer) {
    /**
     * The context of {@code model}. The windows of {@code previous} carry over when both models read the same
     * features with the same window and neither scales per host or both on the same scale (they hold values
     * before the model's scaler).
     *
     * @param previous the context being replaced, or null at start
     */
    static ModelContext of(LoadedModel model, ModelContext previous, StreamSettings settings) {
        ModelMetadata metadata = model.metadata();
        BoundRules rules = BoundRules.bind(settings.rules(), metadata.spec().features());
        HostWindows windows = previous != null && previous.windows().fits(metadata.spec(), metadata.hostBaselines())
                ? previous.windows()
                : new HostWindows(metadata.spec(), settings.hostIdleTimeout(), settings.likelihood(),
                        metadata.hostBaselines(), TypicalLimits.of(metadata), rules.needsRuns());
        return new ModelContext(new Detector(model, windows, settings.learning()),
                new KafkaRecordDecoder(model.metadata(), settings.maxRecordBytes(), settings.hostField()),
                rules, new ScoredEventJson(model.metadata().spec().features(), model.metadata().threshold(),
                        model.metadata().version()));
    }

    LoadedModel model() {
        return detector.model();
    }

    HostWindows windows() {
        return detector.windows();
    }

    /** Whether batches write the changelog: the hosts' windows carry state, or the model keeps learning. */
    boolean isStateful() {
        return detector.windows().isStateful() || detector.learns();
    }
}
