package dev.anomaly.detector.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.kafka.KafkaClientSettings;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.Test;

class DetectorClientsTest {
    private final StreamSettings settings = StreamSettings.builder().groupId("bench-group").build();

    @Test
    void theConsumerReadsCommittedDataWithoutAutoCommitAndKeepsPartitionsThroughRebalances() {
        Properties consumer = new DetectorClients(KafkaClientSettings.of("127.0.0.1:9"), settings).consumerProperties();

        assertThat(consumer).containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "bench-group")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024)
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        CooperativeStickyAssignor.class.getName())
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void anOperatorsInstanceIdMakesAStaticMember() {
        StreamSettings named = StreamSettings.builder().instanceId("det-1").build();

        Properties consumer = new DetectorClients(KafkaClientSettings.of("127.0.0.1:9"), named).consumerProperties();

        assertThat(consumer).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "anomaly-detector-det-1");
    }

    @Test
    void theUsersRequestSizeCapsWhatTheDetectorSends() {
        KafkaClientSettings kafka = new KafkaClientSettings("127.0.0.1:9", Optional.empty(),
                Map.of("max.request.size", "500000"));

        assertThat(new DetectorClients(kafka, settings).maxRequestSize()).isEqualTo(500_000);
        assertThat(new DetectorClients(KafkaClientSettings.of("x:1"), settings).maxRequestSize())
                .isEqualTo(DetectorClients.MAX_REQUEST_SIZE);
    }
}
