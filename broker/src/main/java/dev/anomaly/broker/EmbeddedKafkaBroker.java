package dev.anomaly.broker;

import dev.anomaly.commandline.ExitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft combined mode (broker and controller in one node),
 * running inside this JVM from Kafka's own server classes.
 *
 * <p>The data directory is formatted on first start and reused afterwards, so topics and offsets survive
 * a restart. The client listener binds to 127.0.0.1 only. This class is both the {@code anomaly broker}
 * command's engine and the fixture of the integration tests.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String INTERNAL_USER = "anomaly-broker";

    private final BrokerSettings settings;
    private final int port;
    private final int controllerPort;
    /** The broker's own credentials, for its inter-broker traffic and its admin client, when SASL is on. */
    private final String internalPassword = Uuid.randomUuid().toString();
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(BrokerSettings settings, int port, int controllerPort) {
        this.settings = settings;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Formats the data directory if needed, starts the broker, waits until clients can connect and
     * creates the configured topics.
     *
     * @throws ExitException when the port is taken or the broker cannot start
     */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        int port = settings.port() == 0 ? freePort() : settings.port();
        requirePortFree(port);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings, port, freePort());
        try {
            broker.startServer();
            broker.awaitReadyAndCreateTopics();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** {@code 127.0.0.1:PORT}, for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The client port (the chosen one when the settings asked for an ephemeral port). */
    public int port() {
        return port;
    }

    /** Where the broker keeps its logs and metadata. */
    public Path dataDir() {
        return settings.dataDir();
    }

    /** Blocks until the broker has shut down. */
    public void awaitShutdown() {
        KafkaRaftServer running = server;
        if (running != null) {
            running.awaitShutdown();
        }
    }

    /** Stops the broker and waits until it has released its ports and files. */
    @Override
    public synchronized void close() {
        KafkaRaftServer running = server;
        server = null;
        if (running != null) {
            running.shutdown();
            running.awaitShutdown();
            log.info("Kafka broker at {} stopped", bootstrapServers());
        }
    }

    private void startServer() {
        Properties properties = serverProperties();
        formatIfNeeded(properties);
        KafkaConfig config = KafkaConfig.fromProps(properties, false);
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        server = raftServer;
        try {
            raftServer.startup();
        } catch (RuntimeException e) {
            throw ExitException.failure("Kafka broker failed to start on port " + port + ": " + e.getMessage(), e);
        }
    }

    private Properties serverProperties() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", 1);
        config.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        String client = sasl() ? "SASL_PLAINTEXT" : "PLAINTEXT";
        config.put("listeners", client + "://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", client + "://" + HOST + ":" + port);
        config.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", client);
        if (sasl()) {
            config.put("sasl.enabled.mechanisms", "PLAIN");
            config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            config.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaasConfig());
        }
        config.put("log.dirs", settings.dataDir().toAbsolutePath().toString());
        config.put("num.partitions", settings.partitions());
        config.put("default.replication.factor", 1);
        config.put("min.insync.replicas", 1);
        // A single node can only hold one replica of the internal topics.
        config.put("offsets.topic.replication.factor", 1);
        config.put("offsets.topic.num.partitions", 5);
        config.put("transaction.state.log.replication.factor", 1);
        config.put("transaction.state.log.min.isr", 1);
        config.put("transaction.state.log.num.partitions", 5);
        config.put("share.coordinator.state.topic.replication.factor", 1);
        config.put("share.coordinator.state.topic.min.isr", 1);
        // Consumers in tests and demos join at once instead of waiting 3 s for more members.
        config.put("group.initial.rebalance.delay.ms", 0);
        config.put("auto.create.topics.enable", true);
        config.putAll(settings.overrides());
        Properties properties = new Properties();
        config.forEach((key, value) -> properties.put(key, String.valueOf(value)));
        return properties;
    }

    private void formatIfNeeded(Properties properties) {
        Path dataDir = settings.dataDir();
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            log.debug("Reusing formatted data directory {}", dataDir);
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path configFile = Files.createTempFile("anomaly-broker", ".properties");
            try {
                try (OutputStream out = Files.newOutputStream(configFile)) {
                    properties.store(out, "anomaly embedded broker");
                }
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                String clusterId = Uuid.randomUuid().toString();
                int code;
                try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                    // execute() reports instead of exiting the JVM, which main() would do.
                    code = StorageTool.execute(new String[] {"format", "--cluster-id", clusterId,
                        "--config", configFile.toString(), "--ignore-formatted"}, printer);
                }
                if (code != 0) {
                    throw ExitException.failure("cannot format Kafka data directory " + dataDir + ": "
                            + output.toString(StandardCharsets.UTF_8).trim());
                }
                log.info("Formatted Kafka data directory {} (cluster {})", dataDir, clusterId);
            } finally {
                Files.deleteIfExists(configFile);
            }
        } catch (IOException e) {
            throw ExitException.failure("cannot prepare Kafka data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** Whether clients must authenticate with SASL/PLAIN. */
    public boolean sasl() {
        return !settings.saslUsers().isEmpty();
    }

    /** The users' PLAIN credentials plus the broker's own; the JAAS syntax needs quotes escaped. */
    private String jaasConfig() {
        StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"" + INTERNAL_USER + "\" password=\"" + internalPassword + "\" user_" + INTERNAL_USER
                + "=\"" + internalPassword + "\"");
        settings.saslUsers().forEach((user, password) ->
                jaas.append(" user_").append(user).append("=\"").append(escape(password)).append('"'));
        return jaas.append(';').toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private void awaitReadyAndCreateTopics() {
        Properties client = new Properties();
        client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (sasl()) {
            client.put("security.protocol", "SASL_PLAINTEXT");
            client.put("sasl.mechanism", "PLAIN");
            client.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + "username=\"" + INTERNAL_USER + "\" password=\"" + internalPassword + "\";");
        }
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(client)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            createTopics(admin, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExitException.failure("interrupted while starting the Kafka broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw ExitException.failure("Kafka broker on port " + port + " did not become ready: " + e, e);
        }
    }

    private void createTopics(Admin admin, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(remaining(deadline), TimeUnit.MILLISECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (String topic : settings.topics()) {
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, Optional.of(settings.partitions()), Optional.of((short) 1)));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        log.debug("Created topics {}", missing);
    }

    private static long remaining(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static void requirePortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (BindException e) {
            throw ExitException.failure("port " + port + " is already in use (another broker?); "
                    + "choose a free one with --port");
        } catch (IOException e) {
            throw ExitException.failure("cannot listen on " + HOST + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }
}
