package dev.anomaly.cli.bench;

import dev.anomaly.common.time.Durations;
import dev.anomaly.detector.cli.DetectCommand;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of {@code anomaly detect}'s options, read from the command's own declaration so that the
 * pass-through runs with whatever {@code detect} runs with by default.
 *
 * @param maxPollRecords {@code --max-poll-records}
 * @param timeout {@code --timeout}
 */
record DetectDefaults(int maxPollRecords, Duration timeout) {
    static DetectDefaults read() {
        CommandSpec detect = CommandSpec.forAnnotatedObject(new DetectCommand());
        return new DetectDefaults(Integer.parseInt(defaultOf(detect, "--max-poll-records")),
                Durations.parse(defaultOf(detect, "--timeout")));
    }

    private static String defaultOf(CommandSpec command, String name) {
        OptionSpec option = command.findOption(name);
        if (option == null || option.defaultValue() == null) {
            throw new IllegalStateException("anomaly detect has no default for " + name);
        }
        return option.defaultValue();
    }
}
