package dev.anomaly.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.CliDriver;
import org.junit.jupiter.api.Test;

/** Bad command lines end with one clear line and exit code 2, before any connection to Kafka. */
class IngestCommandTest {
    @Test
    void helpExplainsEveryOptionWithItsDefault() {
        CliDriver.Result result = CliDriver.run(new IngestCommand(), "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().replaceAll("\\s+", " ")).contains("--format", "--topic", "--output-topic", "default: system-metrics",
                "--align", "default: 10s", "--grace", "default: 30s", "--[no-]store-rates", "--instance-id",
                "--host-idle-timeout", "default: 1h", "IN.dlq", "plugin[-plugin_instance].type[-type_instance][.dsname]",
                "measurement.field");
    }

    @Test
    void anUnknownFormatIsRefused() {
        assertUsage("--format must be collectd or influx, got 'graphite'", "--format", "graphite", "--topic", "in");
    }

    @Test
    void aMissingTopicIsRefused() {
        assertUsage("Missing required option: '--topic=IN'", "--format", "collectd");
    }

    @Test
    void intervalsMustBePositive() {
        assertUsage("--align must be at least 1ms", "--format", "influx", "--topic", "in", "--align", "0s");
        assertUsage("--host-idle-timeout must be at least 1ms", "--format", "influx", "--topic", "in",
                "--host-idle-timeout", "0s");
    }

    @Test
    void theOutputMustNotBeTheInput() {
        assertUsage("--topic and --output-topic must differ", "--format", "influx", "--topic", "same",
                "--output-topic", "same");
    }

    @Test
    void storeRatesIsACollectdSetting() {
        assertUsage("--store-rates applies to --format collectd only", "--format", "influx", "--topic", "in",
                "--no-store-rates");
    }

    @Test
    void namesKafkaWouldRefuseAreRefusedFirst() {
        assertUsage("--topic must be 1-200 letters, digits", "--format", "influx", "--topic", "in put");
        assertUsage("--instance-id must be 1-200 letters, digits", "--format", "influx", "--topic", "in",
                "--instance-id", "a/b");
    }

    private static void assertUsage(String message, String... args) {
        CliDriver.Result result = CliDriver.run(new IngestCommand(), args);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains(message);
    }
}
