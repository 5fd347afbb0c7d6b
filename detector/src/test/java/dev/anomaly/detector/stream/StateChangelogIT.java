package dev.anomaly.detector.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The changelog's latest checkpoint, read on a real broker: what the loop resumes from when the group's own
 * offsets stay pending, so it must be the last committed checkpoint: never an aborted one, and not a larger
 * one written before the group's offsets were reset back.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StateChangelogIT {
    @Test
    void theLatestCheckpointIsTheLastCommittedOneNotTheLargestNorAnAbortedOne(KafkaTestCluster kafka) {
        String topic = KafkaTestCluster.uniqueName("changelog");
        kafka.createTopic(topic, 2);
        Properties properties = KafkaTestCluster.producerProperties(kafka.bootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            for (long offset : new long[] {40, 10, 25}) {
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, 0, StateRecords.hostKey("web-1"), new byte[] {1}));
                producer.send(new ProducerRecord<>(topic, 0, StateRecords.checkpointKey(),
                        StateRecords.checkpoint(offset)));
                producer.commitTransaction();
            }
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, StateRecords.checkpointKey(), StateRecords.checkpoint(50)));
            producer.flush();
            producer.abortTransaction();
        }

        try (StateChangelog changelog = new StateChangelog(reader(kafka), topic, Duration.ofSeconds(30))) {
            assertThat(changelog.latestCheckpoint(0)).isEqualTo(25);
            assertThat(changelog.latestCheckpoint(1)).as("a partition without checkpoints").isEqualTo(-1);
        }
    }

    private static KafkaConsumer<byte[], byte[]> reader(KafkaTestCluster kafka) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }
}
