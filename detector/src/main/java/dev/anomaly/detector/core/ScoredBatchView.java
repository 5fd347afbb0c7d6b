package dev.anomaly.detector.core;

import dev.anomaly.alerting.rules.Suppression;
import dev.anomaly.common.event.ScoredSlots;
import dev.anomaly.common.event.Severity;
import java.util.List;

/** The detector's batch as the scored-record writer in common reads it. */
final class ScoredBatchView implements ScoredSlots {
    private final DetectionBatch batch;

    ScoredBatchView(DetectionBatch batch) {
        this.batch = batch;
    }

    @Override
    public String key(int slot) {
        return batch.key(slot);
    }

    @Override
    public long time(int slot) {
        return batch.time(slot);
    }

    @Override
    public double[] values(int slot) {
        return batch.values(slot);
    }

    @Override
    public String label(int slot) {
        return batch.label(slot);
    }

    @Override
    public String episode(int slot) {
        return batch.episode(slot);
    }

    @Override
    public boolean copySafe(int slot) {
        return !batch.has(slot, DetectionBatch.NOT_COPY_SAFE);
    }

    @Override
    public boolean hasOutputField(int slot) {
        return batch.has(slot, DetectionBatch.HAS_OUTPUT_FIELD);
    }

    @Override
    public boolean hasHostField(int slot) {
        return batch.has(slot, DetectionBatch.HAS_HOST_FIELD);
    }

    @Override
    public boolean hasTimeField(int slot) {
        return batch.has(slot, DetectionBatch.HAS_TIME_FIELD);
    }

    @Override
    public boolean scored(int slot) {
        return batch.outcome(slot) != Outcome.WARMING_UP;
    }

    @Override
    public boolean isAnomaly(int slot) {
        return batch.outcome(slot) == Outcome.ANOMALY;
    }

    @Override
    public double error(int slot) {
        return batch.error(slot);
    }

    @Override
    public double threshold(int slot) {
        return batch.threshold(slot);
    }

    @Override
    public double confidence(int slot) {
        return batch.confidence(slot);
    }

    @Override
    public double likelihood(int slot) {
        return batch.likelihood(slot);
    }

    @Override
    public Severity severity(int slot) {
        return batch.severity(slot);
    }

    @Override
    public float share(int slot, int feature) {
        return batch.perFeature().share(slot, feature);
    }

    @Override
    public double expected(int slot, int feature) {
        return batch.perFeature().expected(slot, feature);
    }

    @Override
    public double typicalLow(int slot, int feature) {
        return batch.perFeature().typicalLow(slot, feature);
    }

    @Override
    public double typicalHigh(int slot, int feature) {
        return batch.perFeature().typicalHigh(slot, feature);
    }

    @Override
    public List<String> suppressionNames(int slot) {
        int bits = batch.suppressedBy(slot);
        return bits == 0 ? List.of() : Suppression.names(bits);
    }

    @Override
    public long anomalousSince(int slot) {
        return batch.anomalousSince(slot);
    }
}
