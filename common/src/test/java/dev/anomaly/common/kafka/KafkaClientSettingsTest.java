package dev.anomaly.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anomaly.common.failure.ExplainedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {
    @TempDir
    Path dir;

    @Test
    void appliesOnePrecedenceFromToolDefaultsToForcedSettings() throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "linger.ms=1\nacks=0\nclient.id=from-file\nsecurity.protocol=SASL_PLAINTEXT\n");
        KafkaClientSettings settings = new KafkaClientSettings("broker:9092", Optional.of(file),
                Map.of("acks", "1", "client.id", "from-property"));

        Properties properties = settings.build(
                Map.of("linger.ms", 20, "acks", "all", "compression.type", "lz4", "client.id", "default"),
                Map.of("client.id", "from-flag"),
                Map.of("key.serializer", "forced"));

        assertThat(properties)
                .containsEntry("compression.type", "lz4")
                .containsEntry("linger.ms", "1")
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("acks", "1")
                .containsEntry("client.id", "from-flag")
                .containsEntry("key.serializer", "forced")
                .containsEntry("bootstrap.servers", "broker:9092");
    }

    @Test
    void takesTheBootstrapServersFromTheFileWhenTheFlagIsAbsent() throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=kafka-1:9093\n");
        KafkaClientSettings settings = new KafkaClientSettings(null, Optional.of(file), Map.of());

        assertThat(settings.build(Map.of(), Map.of(), Map.of())).containsEntry("bootstrap.servers", "kafka-1:9093");
    }

    @Test
    void aMissingPropertiesFileIsAOneLineFailure() {
        KafkaClientSettings settings = new KafkaClientSettings("b:9092", Optional.of(dir.resolve("nope")), Map.of());

        assertThatThrownBy(() -> settings.build(Map.of(), Map.of(), Map.of()))
                .isInstanceOf(ExplainedException.class)
                .hasMessage("--command-config " + dir.resolve("nope") + ": no such file");
    }

    @Test
    void neverPrintsOverrideValues() {
        KafkaClientSettings settings = new KafkaClientSettings("b:9092", Optional.empty(),
                Map.of("sasl.jaas.config", "password=\"s3cret\""));

        assertThat(settings.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");
    }
}
