package dev.anomaly.detector.cli;

import dev.anomaly.detector.state.LikelihoodSettings;
import picocli.CommandLine.Option;

/** {@code detect}'s likelihood options: how unusual an error must be for its host to make an anomaly. */
public final class LikelihoodOptions {
    @Option(names = "--likelihood-threshold", paramLabel = "P",
            defaultValue = "" + LikelihoodSettings.DEFAULT_THRESHOLD,
            description = "An event is an anomaly when its likelihood reaches P: the probability, judged against "
                    + "its own host's recent history of model errors, that the host's last --likelihood-window "
                    + "errors are unusual. HIGH from two more nines on (0.99999999 for 0.999999). Until a host has had "
                    + LikelihoodSettings.DEFAULT_WARM_UP + " scored events within the model's threshold (its "
                    + "baseline; events above it stay out of it for the first " + LikelihoodSettings.WARM_UP_PATIENCE
                    + " × " + LikelihoodSettings.DEFAULT_WARM_UP + "), the threshold judges instead, and flags "
                    + "only above twice it (HIGH) (default: ${DEFAULT-VALUE}).")
    private double likelihoodThreshold;

    @Option(names = "--likelihood-window", paramLabel = "N",
            defaultValue = "" + LikelihoodSettings.DEFAULT_SHORT_WINDOW,
            description = "Model errors averaged into the figure the likelihood judges: more catches slow, "
                    + "moderate changes sooner, fewer pins a short spike to its own events (default: "
                    + "${DEFAULT-VALUE}).")
    private int likelihoodWindow;

    @Option(names = "--no-likelihood",
            description = "Judge every event by the model's threshold alone (error above it: anomaly), as before "
                    + "likelihood; flags about (100 - percentile)%% of normal events by design. Default: likelihood.")
    private boolean noLikelihood;

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException one line naming the option that is wrong
     */
    void validate() {
        if (!(likelihoodThreshold > 0.5 && likelihoodThreshold < 1)) {
            throw new IllegalArgumentException("--likelihood-threshold must be above 0.5 and below 1, got "
                    + likelihoodThreshold);
        }
        if (likelihoodWindow < 1 || likelihoodWindow > 100) {
            throw new IllegalArgumentException("--likelihood-window must be 1..100, got " + likelihoodWindow);
        }
    }

    /** The likelihood settings asked for; null with {@code --no-likelihood}. */
    LikelihoodSettings settings() {
        return noLikelihood ? null : LikelihoodSettings.of(likelihoodThreshold, likelihoodWindow);
    }
}
