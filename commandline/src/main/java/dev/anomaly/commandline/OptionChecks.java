package dev.anomaly.commandline;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks every command makes of its options, with one wording: a usage error (exit 2) naming the option. */
public final class OptionChecks {
    private OptionChecks() {
    }

    /** A duration option must be above zero. */
    public static void requirePositive(CommandSpec spec, String option, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ParameterException(spec.commandLine(), option + " must be positive");
        }
    }

    /** A number option must be within {@code min..max}, both included. */
    public static void requireWithin(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must be " + min + ".." + max);
        }
    }
}
