package dev.anomaly.bench;

import dev.anomaly.common.time.Durations;
import dev.anomaly.detector.loop.Guarantee;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The command line of a detector child JVM that reads a bench topic from its start until it is idle. */
final class DetectArguments {
    static final String MAIN = "dev.anomaly.cli.Main";

    private DetectArguments() {
    }

    /**
     * @param extra the user's --detect-option values, last so that they win
     */
    static List<String> throughput(String bootstrap, String input, String anomalies, String deadLetters, String group,
                                   Guarantee guarantee, Path modelDir, Duration stopWhenIdle, List<String> extra) {
        List<String> arguments = new ArrayList<>(List.of("detect", "--bootstrap-server", bootstrap, "--topic", input,
                "--anomalies-topic", anomalies, "--dead-letter-topic", deadLetters, "--group-id", group, "--guarantee",
                guarantee.id(), "--from", "earliest", "--model-dir", modelDir.toString(), "--stop-when-idle",
                Durations.format(stopWhenIdle)));
        arguments.addAll(extra);
        return arguments;
    }
}
