package dev.anomaly.ingest.cli;

import dev.anomaly.commandline.ExitCode;
import dev.anomaly.commandline.ExitException;
import dev.anomaly.commandline.HelpOption;
import dev.anomaly.commandline.KafkaConnectionOptions;
import dev.anomaly.commandline.OutputOptions;
import dev.anomaly.common.console.Console;
import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.kafka.KafkaConnectivity;
import dev.anomaly.common.kafka.Topics;
import dev.anomaly.common.lifecycle.DirectoryTrees;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.ingest.format.AgentFormat;
import dev.anomaly.ingest.format.CollectdJsonFormat;
import dev.anomaly.ingest.format.InfluxLineFormat;
import dev.anomaly.ingest.stream.IngestRun;
import dev.anomaly.ingest.stream.IngestSettings;
import dev.anomaly.ingest.stream.RecordTimeOrNow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code anomaly ingest}: an agent's topic (collectd, Telegraf) as events of the schema, exactly once. */
@Command(name = "ingest",
        description = {
            "Read the records a metrics agent writes to Kafka and write one event per host per --align interval "
                + "to --output-topic (key = host), exactly once, with Kafka Streams: run several with the same "
                + "--application-id to share the input's partitions; a restart loses no interval.",
            "collectd: the JSON of the write_kafka plugin (Format JSON); each value becomes a feature named "
                + "plugin[-plugin_instance].type[-type_instance][.dsname], e.g. cpu-0.cpu-user, memory.memory-used, "
                + "interface-eth0.if_octets.rx, load.load.shortterm.",
            "influx: InfluxDB line protocol (Telegraf's default data format); each numeric field becomes a feature "
                + "named measurement.field, e.g. mem.used_percent; the host tag names the host; series that differ "
                + "by other tags are averaged; Telegraf's running totals (diskio, net, kernel) become rates per "
                + "second.",
            "Where the usual plugins or inputs are present, the standard fields are derived too: cpu_usage (%% busy, "
                + "not idle or waiting on I/O), memory_usage (%% in use without caches), disk_io_mb (MB/s read + "
                + "written, whole disks) and network_io_mb (MB/s received + sent, loopback excluded), so the "
                + "default model works on an agent's host.",
            "Each feature is the mean of its values in the interval. The host is the record's host (field or tag), "
                + "else its key, else 'default'. A host's first interval is written only if it has every standard "
                + "field the next one has (an agent does not know its first rates), so detect never refuses it. A "
                + "record that cannot be read goes to IN.dlq with dlq.reason and dlq.detail headers.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped (Ctrl-C or --duration)", "1:failure: Kafka unreachable within --timeout, "
            + "credentials refused, Kafka Streams stopped on an error", "2:bad command line"})
public final class IngestCommand implements Callable<Integer> {
    private static final String COLLECTD = "collectd";
    private static final String INFLUX = "influx";
    private static final Pattern KAFKA_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    @Spec
    private CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Mixin
    private KafkaConnectionOptions kafka;

    @Mixin
    private OutputOptions output;

    @Option(names = "--format", required = true, paramLabel = "collectd|influx",
            description = "The agent's record format: collectd (write_kafka, Format JSON) or influx (InfluxDB line "
                    + "protocol, as Telegraf's Kafka output writes it). Required.")
    private String format;

    @Option(names = "--topic", required = true, paramLabel = "IN",
            description = "The topic the agent writes to; created if missing. Required.")
    private String topic;

    @Option(names = "--output-topic", paramLabel = "TOPIC", defaultValue = Topics.SYSTEM_METRICS,
            description = "Where the events go (default: ${DEFAULT-VALUE}); created if missing.")
    private String outputTopic;

    @Option(names = "--align", paramLabel = "DURATION", defaultValue = "10s",
            description = "One event per host per interval of this length, aligned to the epoch (default: "
                    + "${DEFAULT-VALUE}). Match the agent's interval or a multiple of it.")
    private Duration align;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "30s",
            description = "How late a record may arrive and still count in its interval (default: "
                    + "${DEFAULT-VALUE}). Time is each host's own: an interval's event is written once the host's "
                    + "newest reading is past its end plus this, or once the host has sent nothing for an interval "
                    + "plus this; events lag by --align plus --grace. Later readings are dropped and counted. Key "
                    + "the agent's records by host to keep them in order; with random keys, this must cover how far "
                    + "the input's partitions drift apart.")
    private Duration grace;

    @Option(names = "--store-rates", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "collectd only: write_kafka runs with StoreRates true, so counter, derive and absolute "
                    + "values are already rates (default). With --no-store-rates they are running totals and "
                    + "ingest turns them into rates.")
    private boolean storeRates;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Kafka Streams' application id, also the consumer group and the prefix of ingest's own "
                    + "topics; instances with the same id share the work. Default: anomaly-ingest-IN.")
    private String applicationId;

    @Option(names = "--instance-id", paramLabel = "ID",
            description = "Stable name of this ingest: static group membership, and a state directory kept between "
                    + "runs (--state-dir) that holds Kafka Streams' process id, hence its transactional ids. With "
                    + "one, a restarted ingest takes over its partitions and aborts its predecessor's open "
                    + "transaction at once; without, a killed ingest's partitions wait up to the 10 s session "
                    + "timeout and its open transaction up to 10 s more. Give each ingest of an application its "
                    + "own. Default: none.")
    private String instanceId;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where Kafka Streams keeps its RocksDB stores and process id. Default: with --instance-id, "
                    + "data/ingest/APPLICATION-ID/INSTANCE-ID (kept between runs); without, a temporary directory "
                    + "deleted at exit (the stores come back from their changelogs).")
    private Path stateDirOption;

    @Option(names = "--host-idle-timeout", paramLabel = "DURATION", defaultValue = "1h",
            description = "A running total not seen for this long (in the input's time) is forgotten, so hosts "
                    + "that come and go do not grow the state (default: ${DEFAULT-VALUE}).")
    private Duration hostIdleTimeout;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Stream threads in this process (default: ${DEFAULT-VALUE}); useful up to the input's "
                    + "partition count.")
    private int threads;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this long, e.g. 90s. Default: until Ctrl-C.")
    private Duration duration;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Give up with exit code 1 when Kafka does not answer at start within this time "
                    + "(default: ${DEFAULT-VALUE}); once running, outages of any length are waited out.")
    private Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        validate();
        Console console = new Console(spec.commandLine().getOut(), spec.commandLine().getErr(), output.quiet(),
                Console.stderrIsTerminal());
        String deadLetters = IngestSettings.deadLetterTopicOf(topic);
        IngestSettings settings = new IngestSettings(agentFormat(), topic, outputTopic, deadLetters, align, grace,
                hostIdleTimeout);
        KafkaClientSettings client = kafka.settings();
        KafkaConnectivity.awaitTopics(client, timeout, List.of(topic, outputTopic, deadLetters));
        String application = applicationId != null ? applicationId : "anomaly-ingest-" + topic;
        boolean keepState = stateDirOption != null || instanceId != null;
        Path stateDir = stateDirOption != null ? createDirectories(stateDirOption)
                : instanceId != null ? createDirectories(Path.of("data", "ingest", application, instanceId))
                : temporaryStateDir();
        try (ShutdownSignal stop = ShutdownSignal.install("ingest", Duration.ofSeconds(40), () -> { })) {
            Map<String, Object> explicit = new HashMap<>(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, application,
                    StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads,
                    StreamsConfig.STATE_DIR_CONFIG, stateDir.toString()));
            if (instanceId != null) {
                explicit.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
            }
            Properties properties = client.build(
                    Map.of(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000),
                    explicit,
                    Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                            StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, RecordTimeOrNow.class));
            new IngestRun(settings, properties, console).run(stop, duration);
        } finally {
            if (!keepState) {
                deleteQuietly(stateDir);
            }
        }
        return ExitCode.OK;
    }

    private AgentFormat agentFormat() {
        return COLLECTD.equals(format) ? new CollectdJsonFormat(storeRates) : new InfluxLineFormat();
    }

    private void validate() {
        if (!COLLECTD.equals(format) && !INFLUX.equals(format)) {
            throw new ParameterException(spec.commandLine(), "--format must be collectd or influx, got '" + format
                    + "'");
        }
        requirePositive(align, "--align");
        requirePositive(hostIdleTimeout, "--host-idle-timeout");
        requirePositive(timeout, "--timeout");
        if (duration != null) {
            requirePositive(duration, "--duration");
        }
        if (grace.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--grace must not be negative, got " + grace);
        }
        if (hostIdleTimeout.compareTo(align.plus(grace)) <= 0) {
            throw new ParameterException(spec.commandLine(), "--host-idle-timeout must be longer than --align plus "
                    + "--grace, got " + hostIdleTimeout);
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        requireKafkaName(topic, "--topic");
        requireKafkaName(outputTopic, "--output-topic");
        if (applicationId != null) {
            requireKafkaName(applicationId, "--application-id");
        }
        if (instanceId != null) {
            requireKafkaName(instanceId, "--instance-id");
        }
        if (topic.equals(outputTopic)) {
            throw new ParameterException(spec.commandLine(), "--topic and --output-topic must differ");
        }
        if (INFLUX.equals(format) && spec.commandLine().getParseResult().hasMatchedOption("--store-rates")) {
            throw new ParameterException(spec.commandLine(), "--store-rates applies to --format collectd only");
        }
    }

    private void requirePositive(Duration value, String option) {
        if (value.toMillis() < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1ms, got " + value);
        }
    }

    private void requireKafkaName(String name, String option) {
        if (!KAFKA_NAME.matcher(name).matches()) {
            throw new ParameterException(spec.commandLine(), option + " must be 1-200 letters, digits, '.', '_' "
                    + "or '-', got '" + name + "'");
        }
    }

    /**
     * Without an instance id, nothing ties this process to an earlier one: a directory of its own keeps two ingests
     * on one machine out of each other's way, and the stores are restored from their changelogs.
     */
    private static Path temporaryStateDir() {
        try {
            return Files.createTempDirectory("anomaly-ingest-");
        } catch (IOException e) {
            throw ExitException.failure("cannot create a state directory for Kafka Streams: " + e.getMessage(), e);
        }
    }

    /**
     * Kept between runs: it holds the stores (RocksDB) and Kafka Streams' process id, so a restart reuses its
     * transactional ids (fencing its predecessor's open transaction) and restores less. Not under /tmp, whose
     * cleaners remove files untouched for days from under a long-running ingest.
     */
    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw ExitException.failure("cannot create the state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            DirectoryTrees.delete(dir);
        } catch (IOException e) {
            // A temporary directory left behind is harmless; the operating system clears it.
        }
    }
}
