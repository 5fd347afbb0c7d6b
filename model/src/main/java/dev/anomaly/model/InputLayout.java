package dev.anomaly.model;

import java.util.Objects;

/**
 * Turns an event's window of raw feature values and its time into the network's input vector: the
 * scaled values of the W events, oldest first, then the time-of-cycle inputs. The error of an event is
 * computed over the scaled metric part only: the time inputs are never anomalous.
 *
 * @param spec features and window
 * @param scaler fitted on training data only
 * @param seasonality the time-of-cycle inputs
 */
public record InputLayout(FeatureSpec spec, Scaler scaler, Seasonality seasonality) {
    public InputLayout {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(scaler, "scaler");
        Objects.requireNonNull(seasonality, "seasonality");
        if (scaler.featureCount() != spec.featureCount()) {
            throw new IllegalArgumentException("scaler has " + scaler.featureCount() + " features, spec has "
                    + spec.featureCount());
        }
    }

    /** Scaled metric values per input: features × window. */
    public int metricInputs() {
        return spec.metricInputs();
    }

    /** Total network inputs. */
    public int inputs() {
        return spec.metricInputs() + seasonality.inputCount();
    }

    /** Whether inputs need the event's time. */
    public boolean needsTime() {
        return !seasonality.isNone();
    }

    /**
     * Encodes one input.
     *
     * @param window raw values, W events × F features, oldest first (from {@link WindowAssembler})
     * @param windowOffset where the window starts in {@code window}
     * @param epochMillis the (last) event's time; ignored without seasonality
     * @param target the input matrix, row-major
     * @param row the row to write
     */
    public void encode(double[] window, int windowOffset, long epochMillis, float[] target, int row) {
        int features = spec.featureCount();
        int metric = spec.metricInputs();
        int base = row * inputs();
        for (int i = 0; i < metric; i++) {
            target[base + i] = (float) scaler.apply(i % features, window[windowOffset + i]);
        }
        if (!seasonality.isNone()) {
            seasonality.write(epochMillis, target, base + metric);
        }
    }
}
