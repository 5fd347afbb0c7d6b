package dev.anomaly.demo;

import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.HelpOption;
import dev.anomaly.commandline.OutputOptions;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code anomaly demo}: the whole pipeline in one process, and a report at the end. */
@Command(name = "demo",
        description = {
            "Run the whole pipeline in one process on a real Kafka broker and report how well it did: start the "
                + "broker, generate a burst of history and train the autoencoder on it, then stream live metrics "
                + "in accelerated simulated time through 'detect' and 'alert' (to the console unless "
                + "SLACK_WEBHOOK_URL is set), and finally score the run against the generator's ground truth.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the demo ran and reported", "1:failure", "2:bad command line"})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private OutputOptions output;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "2m",
            description = "How long the demo runs, training included, though the live stream always gets at "
                    + "least 20 s (default: ${DEFAULT-VALUE}); Ctrl-C ends it early with a report.")
    private Duration duration;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "10",
            description = "Simulated seconds per real second of the live stream: at 10, a host's episode comes "
                    + "every ~15 s (default: ${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "3",
            description = "Simulated hosts (default: ${DEFAULT-VALUE}).")
    private int hosts;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "6000",
            description = "Normal events of history to train on (default: ${DEFAULT-VALUE}, about 16 of the 600 s "
                    + "memory cycles per host; with 3,000, 8.7-11%% of held-out normal events exceeded the "
                    + "threshold, against a 10%% warning).")
    private int samples;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "50",
            description = "Training epochs (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the generator and the model (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
            description = "The broker's port if free, else any free port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the broker's data here. Default: a temporary directory, deleted at the end.")
    private Path dataDir;

    @Option(names = "--agent",
            description = "Add this machine as one more host: its real metrics every " + DemoAgent.INTERVAL_MS
                    + " ms (as 'anomaly agent' reads them, response_time_ms timed on a small HTTP endpoint the demo "
                    + "serves), sampled for " + DemoAgent.TRAINING_SECONDS + " s before training so that the model "
                    + "knows it, then scored and alerted on live; the report lists it apart from the simulated "
                    + "hosts, which alone have a ground truth. Load its CPU (e.g. 'yes > /dev/null') to see an "
                    + "alert. Default: simulated hosts only.")
    private boolean agent;

    @Override
    public Integer call() throws Exception {
        DemoSettings settings;
        try {
            settings = new DemoSettings(duration, speed, hosts, samples, epochs, seed, port, dataDir, agent);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        DemoRun run = new DemoRun(settings, spec.commandLine().getOut(), output.quiet(), System.getenv());
        try (ShutdownSignal stop = ShutdownSignal.install("demo", Duration.ofSeconds(60), () -> { })) {
            DemoReport report = run.run(stop);
            if (report != null) {
                report.lines().forEach(spec.commandLine().getOut()::println);
                spec.commandLine().getOut().flush();
            }
        }
        return ExitCode.OK;
    }
}
