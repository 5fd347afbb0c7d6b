package dev.anomaly.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.kafka.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {
    @TempDir
    Path dataDir;

    @Test
    void createsTheToolTopicsWithTheRequestedPartitions() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.of(0, dataDir).withPartitions(3));
             Admin admin = admin(broker)) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.CREATED_BY_BROKER)
                    .allTopicNames().get(30, TimeUnit.SECONDS);

            assertThat(topics).containsOnlyKeys(Topics.CREATED_BY_BROKER);
            assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
        }
    }

    @Test
    void keepsRecordsAcrossARestartOnTheSameDataDirectory() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.of(0, dataDir))) {
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>("survivor", "web-1", "before restart")).get();
            }
        }

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.of(0, dataDir))) {
            List<ConsumerRecord<String, String>> records = readAll(broker, "survivor", 1);

            assertThat(records).extracting(ConsumerRecord::value).containsExactly("before restart");
        }
    }

    @Test
    void refusesAPortThatIsAlreadyInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(BrokerSettings.of(taken.getLocalPort(), dataDir)))
                    .isInstanceOf(ExitException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void withSaslUsersOnlyTheRightPasswordGetsIn() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerSettings.of(0, dataDir)
                .withSaslUsers(Map.of("alice", "wonder\"land")))) {
            try (KafkaProducer<String, String> producer = producer(broker, sasl(broker, "alice", "wonder\"land"))) {
                assertThat(producer.send(new ProducerRecord<>("secured", "k", "v")).get().offset()).isZero();
            }

            try (Admin intruder = Admin.create(sasl(broker, "alice", "guess"))) {
                assertThatThrownBy(() -> intruder.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
            }
            try (Admin anonymous = Admin.create(plain(broker))) {
                // A plaintext client never gets an answer: our wait or the client's own call times out first.
                assertThatThrownBy(() -> anonymous.describeCluster().nodes().get(5, TimeUnit.SECONDS))
                        .satisfiesAnyOf(
                                thrown -> assertThat(thrown).isInstanceOf(java.util.concurrent.TimeoutException.class),
                                thrown -> assertThat(thrown).hasCauseInstanceOf(
                                        org.apache.kafka.common.errors.TimeoutException.class));
            }
        }
    }

    private static Properties sasl(EmbeddedKafkaBroker broker, String user, String password) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put("security.protocol", "SASL_PLAINTEXT");
        properties.put("sasl.mechanism", "PLAIN");
        properties.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"" + user + "\" password=\"" + password.replace("\"", "\\\"") + "\";");
        return properties;
    }

    private static Properties plain(EmbeddedKafkaBroker broker) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        // Without credentials the call never completes; do not let close() wait out the default 60 s.
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return properties;
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker, Properties extra) {
        Properties properties = new Properties();
        properties.putAll(extra);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return Admin.create(properties);
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> readAll(EmbeddedKafkaBroker broker, String topic, int count) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "reader");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
