package dev.anomaly.cli;

import dev.anomaly.agent.cli.AgentCommand;
import dev.anomaly.alerter.cli.AlertCommand;
import dev.anomaly.alerter.cli.SilenceCommand;
import dev.anomaly.bench.BenchCommand;
import dev.anomaly.broker.cli.BrokerCommand;
import dev.anomaly.commandline.VersionProvider;
import dev.anomaly.demo.DemoCommand;
import dev.anomaly.detector.cli.DetectCommand;
import dev.anomaly.evaluator.cli.EvaluateCommand;
import dev.anomaly.generator.cli.GenerateCommand;
import dev.anomaly.ingest.cli.IngestCommand;
import dev.anomaly.trainer.cli.TrainCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code anomaly}: the root command. It only lists the subcommands. */
@Command(name = "anomaly",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Detect anomalies in streaming system metrics over Apache Kafka.",
            "",
            "  generate --> system-metrics --> detect --> anomalies --> alert --> Slack",
            "",
            "Each subcommand has its own --help."},
        subcommands = {
            DemoCommand.class,
            BrokerCommand.class,
            GenerateCommand.class,
            AgentCommand.class,
            IngestCommand.class,
            TrainCommand.class,
            DetectCommand.class,
            AlertCommand.class,
            SilenceCommand.class,
            EvaluateCommand.class,
            BenchCommand.class,
            CompletionCommand.class,
            HelpCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  ANOMALY_BOOTSTRAP_SERVER  default for --bootstrap-server",
            "  ANOMALY_HEAP_OPTS         JVM heap and native memory limits (bin/anomaly)",
            "  ANOMALY_OPTS              other JVM options (bin/anomaly)"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failure (a one-line reason on stderr)", "2:bad command line",
            "3:train: not enough samples"})
public final class AnomalyCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
