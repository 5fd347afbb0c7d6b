package dev.anomaly.agent.cli;

import dev.anomaly.agent.prometheus.ScrapedCounters;
import dev.anomaly.agent.run.AgentRun;
import dev.anomaly.agent.run.JsonLinesSink;
import dev.anomaly.agent.sample.CounterSource;
import dev.anomaly.agent.sample.HttpProbe;
import dev.anomaly.agent.sample.OshiCounters;
import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.HelpOption;
import dev.anomaly.commandline.KafkaConnectionOptions;
import dev.anomaly.commandline.OptionChecks;
import dev.anomaly.commandline.OutputOptions;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.kafka.Topics;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.common.sink.EventSink;
import dev.anomaly.common.sink.KafkaEventSink;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code anomaly agent}: a real machine's metrics (or a Prometheus node_exporter's) as events. */
@Command(name = "agent",
        description = {
            "Send this machine's real metrics to Kafka every --interval, as events of the schema (key = --host, "
                + "label null): cpu_usage (%% busy over the interval, not idle or waiting on I/O), memory_usage "
                + "(%% in use without caches), disk_io_mb (MB/s read + written), network_io_mb (MB/s received + "
                + "sent, loopback excluded), and response_time_ms with --probe.",
            "With --scrape, the same fields from a Prometheus node_exporter's /metrics instead (counters turned "
                + "into rates between two scrapes). The first event comes one interval after the start.",
            "Train on what it sends with: anomaly train --features cpu_usage,memory_usage,disk_io_mb,network_io_mb "
                + "(add response_time_ms with --probe).",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (Ctrl-C, --count or --duration)", "1:failure: Kafka unreachable within "
            + "--timeout, an event not stored", "2:bad command line"})
public final class AgentCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private KafkaConnectionOptions kafka;

    @Mixin
    private OutputOptions output;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = Topics.SYSTEM_METRICS,
            description = "Kafka topic to send to (default: ${DEFAULT-VALUE}); created if missing.")
    private String topic;

    @Option(names = "--host", paramLabel = "NAME",
            description = "The host the events are about: their key and 'host' field. Default: this machine's "
                    + "name, or with --scrape the URL's host unless it is this machine.")
    private String host;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s",
            description = "Time between two events (default: ${DEFAULT-VALUE}).")
    private Duration interval;

    @Option(names = "--scrape", paramLabel = "URL",
            description = "Read a Prometheus node_exporter's text exposition (e.g. http://127.0.0.1:9100/metrics) "
                    + "instead of this machine; a failed scrape is one warning line and the agent goes on. "
                    + "Default: this machine, through OSHI.")
    private URI scrape;

    @Option(names = "--probe", paramLabel = "URL",
            description = "Time one HTTP GET of URL each interval as response_time_ms; a failed probe (no answer, "
                    + "HTTP 5xx) is recorded as --probe-timeout and counted. Default: no probe, no "
                    + "response_time_ms.")
    private URI probe;

    @Option(names = "--probe-timeout", paramLabel = "DURATION", defaultValue = "2s",
            description = "The longest a probe (and a scrape) may take (default: ${DEFAULT-VALUE}).")
    private Duration probeTimeout;

    @Option(names = {"-n", "--count"}, paramLabel = "N",
            description = "Stop after N events. Default: until Ctrl-C or --duration.")
    private Long count;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this long, e.g. 75s or 1h. Default: no limit.")
    private Duration duration;

    @Option(names = "--print",
            description = "Print each event as a JSON line on stdout instead of sending it to Kafka.")
    private boolean print;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Give up with exit code 1 when Kafka does not answer within this time "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        PrintWriter stdout = spec.commandLine().getOut();
        Console console = new Console(stdout, spec.commandLine().getErr(), output.quiet(), Console.stderrIsTerminal());
        if (print) {
            console = console.resultsToErr();
        }
        CounterSource source = scrape != null ? new ScrapedCounters(scrape, probeTimeout) : new OshiCounters();
        HttpProbe timing = probe != null ? new HttpProbe(probe, probeTimeout) : null;
        String name = host != null ? host : defaultHost();
        try (ShutdownSignal stop = ShutdownSignal.install("agent", Duration.ofSeconds(30), () -> { });
             EventSink sink = print ? new JsonLinesSink(stdout) : KafkaEventSink.open(kafka.settings(), topic,
                     timeout)) {
            AgentRun run = new AgentRun(source, timing, sink, name, interval, count == null ? 0 : count, duration,
                    console);
            console.info(run.run(stop));
        }
        return ExitCode.OK;
    }

    private void validate() {
        OptionChecks.requirePositive(spec, "--interval", interval);
        OptionChecks.requirePositive(spec, "--probe-timeout", probeTimeout);
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        if (duration != null) {
            OptionChecks.requirePositive(spec, "--duration", duration);
        }
        OptionChecks.requirePositive(spec, "--timeout", timeout);
        if (host != null && host.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--host must not be empty");
        }
        checkHttp(scrape, "--scrape");
        checkHttp(probe, "--probe");
    }

    private void checkHttp(URI url, String option) {
        if (url != null && (url.getHost() == null || !("http".equals(url.getScheme())
                || "https".equals(url.getScheme())))) {
            throw new ParameterException(spec.commandLine(), option + " needs an http:// or https:// URL with a "
                    + "host, got '" + url + "'");
        }
    }

    /** The scraped host's name, or this machine's. */
    private String defaultHost() {
        if (scrape != null) {
            try {
                if (!InetAddress.getByName(scrape.getHost()).isLoopbackAddress()) {
                    return scrape.getHost();
                }
            } catch (UnknownHostException e) {
                return scrape.getHost();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "localhost";
        }
    }
}
