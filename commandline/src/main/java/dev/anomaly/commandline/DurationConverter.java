package dev.anomaly.commandline;

import dev.anomaly.common.time.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Lets options take durations such as {@code 30s}, {@code 5m} or {@code PT1H}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
