package dev.anomaly.common.kafka;

import dev.anomaly.common.time.Durations;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Checks that Kafka answers before a tool starts its work, so that an unreachable broker or a wrong
 * password ends in one clear line and exit code 1 within the timeout, never in a silent hang.
 */
public final class KafkaConnectivity {
    private KafkaConnectivity() {
    }

    /**
     * Waits until the cluster answers, then makes sure the topics exist (creating missing ones with the
     * broker's default partition count).
     *
     * @throws KafkaAccessException when Kafka does not answer within {@code timeout}, or refuses the credentials
     */
    public static void awaitTopics(KafkaClientSettings settings, Duration timeout, Collection<String> topics) {
        Properties properties = adminProperties(settings, timeout);
        String servers = properties.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = createAdmin(properties, servers)) {
            try {
                admin.describeCluster().nodes().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                if (!topics.isEmpty()) {
                    createMissingTopics(admin, Set.copyOf(topics), deadline);
                }
            } catch (TimeoutException e) {
                throw unreachable(servers, timeout, e);
            } catch (ExecutionException e) {
                throw describe(servers, timeout, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaAccessException("interrupted while connecting to Kafka at " + servers, e);
            } finally {
                // Do not wait for in-flight calls to an unreachable broker on the way out.
                admin.close(Duration.ZERO);
            }
        }
    }

    /** Same as {@link #awaitTopics} with no topic to check. */
    public static void awaitCluster(KafkaClientSettings settings, Duration timeout) {
        awaitTopics(settings, timeout, List.of());
    }

    /**
     * Turns a Kafka client failure into a one-line message for the user: authentication and authorization
     * failures, timeouts, anything else with its Kafka message.
     */
    public static KafkaAccessException describe(String servers, Duration timeout, Throwable cause) {
        Throwable root = cause;
        while (root instanceof ExecutionException && root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof AuthenticationException) {
            return new KafkaAccessException("Kafka at " + servers + " refused the credentials: "
                    + firstLine(root.getMessage()), root);
        }
        if (root instanceof AuthorizationException) {
            return new KafkaAccessException("Kafka at " + servers + " denied access: " + firstLine(root.getMessage()),
                    root);
        }
        if (root instanceof org.apache.kafka.common.errors.TimeoutException || root instanceof TimeoutException) {
            return unreachable(servers, timeout, root);
        }
        return new KafkaAccessException("Kafka at " + servers + ": " + firstLine(String.valueOf(root.getMessage())), root);
    }

    private static KafkaAccessException unreachable(String servers, Duration timeout, Throwable cause) {
        return new KafkaAccessException("cannot reach Kafka at " + servers + " within " + Durations.format(timeout)
                + " (is a broker running there? 'anomaly broker' starts one)", cause);
    }

    private static void createMissingTopics(Admin admin, Set<String> topics, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        List<NewTopic> missing = topics.stream()
                .filter(topic -> !existing.contains(topic))
                .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty()))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static Admin createAdmin(Properties properties, String servers) {
        try {
            return Admin.create(properties);
        } catch (KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new KafkaAccessException("cannot connect to Kafka at " + servers + ": "
                    + firstLine(cause.getMessage()), e);
        }
    }

    private static Properties adminProperties(KafkaClientSettings settings, Duration timeout) {
        int timeoutMs = (int) Math.max(1000, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return settings.build(
                Map.of(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000),
                Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs),
                Map.of());
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
