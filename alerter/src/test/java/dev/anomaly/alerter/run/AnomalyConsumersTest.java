package dev.anomaly.alerter.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.kafka.KafkaClientSettings;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.Test;

class AnomalyConsumersTest {
    private final KafkaClientSettings kafka = KafkaClientSettings.of("127.0.0.1:9");

    @Test
    void anInstanceIdMakesAStaticMemberThatARestartReplacesAtOnce() {
        Properties properties = AnomalyConsumers.properties(kafka, "alerters", "alerter-1");

        assertThat(properties).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "anomaly-alerter-alerter-1");
    }

    @Test
    void aCrashedMembersPartitionsMoveOnAfterTenSecondsAndRebalancesKeepWhatTheyCan() {
        Properties properties = AnomalyConsumers.properties(kafka, "alerters", null);

        assertThat(properties).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        CooperativeStickyAssignor.class.getName())
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }
}
