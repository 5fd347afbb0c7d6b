package dev.anomaly.testkit;

import dev.anomaly.broker.BrokerSettings;
import dev.anomaly.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a real Kafka broker: the same {@link EmbeddedKafkaBroker} that {@code anomaly broker} runs,
 * on an ephemeral port with a temporary data directory.
 *
 * <p>One broker serves every test of the JVM run (it takes seconds to start); it stops when the run ends.
 * Tests isolate themselves by topic and group names ({@link KafkaTestCluster#uniqueName}). Declare a
 * parameter of type {@link KafkaTestCluster} on a test, a constructor or a lifecycle method.
 */
public final class KafkaBrokerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaTestCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class, key -> SharedBroker.start(), SharedBroker.class)
                .cluster();
    }

    /** The broker for the whole run; JUnit closes it when the root context closes. */
    private static final class SharedBroker implements AutoCloseable {
        private final EmbeddedKafkaBroker broker;
        private final Path dataDir;
        private final KafkaTestCluster cluster;

        private SharedBroker(EmbeddedKafkaBroker broker, Path dataDir) {
            this.broker = broker;
            this.dataDir = dataDir;
            this.cluster = new KafkaTestCluster(broker.bootstrapServers());
        }

        static SharedBroker start() {
            try {
                Path dataDir = Files.createTempDirectory("anomaly-test-kafka");
                return new SharedBroker(EmbeddedKafkaBroker.start(BrokerSettings.of(0, dataDir)), dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        KafkaTestCluster cluster() {
            return cluster;
        }

        @Override
        public void close() throws IOException {
            cluster.close();
            broker.close();
            TempDirs.deleteRecursively(dataDir);
        }
    }
}
