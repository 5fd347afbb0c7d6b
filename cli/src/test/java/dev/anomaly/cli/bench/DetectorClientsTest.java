package dev.anomaly.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.detector.stream.Guarantee;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** The pass-through's clients come from the detector itself; BenchIT runs them against a broker. */
class DetectorClientsTest {
    private final PassThrough.Settings settings = new PassThrough.Settings("127.0.0.1:9", "in", "out", "bench-group",
            Guarantee.AT_LEAST_ONCE, DetectDefaults.read().maxPollRecords(), Duration.ofSeconds(30),
            Duration.ofSeconds(2));
    private final DetectorClients clients = new DetectorClients(KafkaClientSettings.of("127.0.0.1:9"),
            settings.streamSettings());

    @Test
    void theConsumerIsTheDetectors() {
        Properties consumer = clients.consumerProperties();

        assertThat(consumer).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "bench-group")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024)
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    }


    @Test
    void detectsDefaultsAreReadFromTheCommand() {
        DetectDefaults defaults = DetectDefaults.read();

        assertThat(defaults.maxPollRecords()).isEqualTo(10_000);
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(30));
    }
}
