package dev.anomaly.detector.stream;

import dev.anomaly.commandline.ExitException;
import dev.anomaly.common.failure.ExplainedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What the detector needs to know about its topics before it starts: the state topic exists, compacted in
 * segments of 64 MB, with a partition for every input partition; and how large a record each output topic accepts.
 */
final class DetectorTopics {
    /** The state topic's segments: what a restore reads before compaction catches up is at most about this. */
    static final int STATE_SEGMENT_BYTES = 64 * 1024 * 1024;

    private DetectorTopics() {
    }

    /**
     * What the detector learnt of its topics.
     *
     * @param limits the largest record each output topic takes
     * @param statePartitions the partitions of the state topic
     */
    record Prepared(OutputLimits limits, int statePartitions) {
    }

    /**
     * Creates the state topic if missing and reads the output topics' record size limits.
     *
     * @param maxRequestSize the producer's limit, which caps every topic's
     * @throws ExitException when the state topic has fewer partitions than the input, or Kafka does not answer
     */
    static Prepared prepare(Properties adminProperties, StreamSettings settings, int maxRequestSize,
                            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return tryPrepare(adminProperties, settings, maxRequestSize, timeout);
            } catch (ExplainedException e) {
                // A topic created a moment ago may not be known to every part of the broker yet.
                if (!(e.getCause() instanceof ExecutionException execution
                        && execution.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static Prepared tryPrepare(Properties adminProperties, StreamSettings settings, int maxRequestSize,
                                       Duration timeout) {
        try (Admin admin = Admin.create(adminProperties)) {
            int inputPartitions = admin.describeTopics(List.of(settings.inputTopic())).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(settings.inputTopic()).partitions().size();
            int statePartitions = ensureStateTopic(admin, settings.stateTopic(), inputPartitions, timeout);
            List<String> outputs = new ArrayList<>(List.of(settings.anomaliesTopic(), settings.deadLetterTopic(),
                    settings.stateTopic()));
            settings.normalTopic().ifPresent(outputs::add);
            settings.anomalousTopic().ifPresent(outputs::add);
            return new Prepared(new OutputLimits(maxMessageBytes(admin, outputs, maxRequestSize, timeout),
                    Math.min(maxRequestSize, OutputLimits.KAFKA_DEFAULT)), statePartitions);
        } catch (ExecutionException e) {
            throw ExitException.failure("cannot prepare the detector's topics: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw ExitException.failure("cannot prepare the detector's topics: Kafka did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExitException.failure("interrupted while preparing the detector's topics", e);
        }
    }

    private static int ensureStateTopic(Admin admin, String topic, int partitions, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (!admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
            NewTopic state = new NewTopic(topic, Optional.of(partitions), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                            // Compaction never touches the segment being written, and a restore reads it whole: a
                            // learning autoencoder writes its weights often, so keep that segment small.
                            TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(STATE_SEGMENT_BYTES)));
            try {
                admin.createTopics(List.of(state)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        int existing = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size();
        if (existing < partitions) {
            throw ExitException.failure("the state topic " + topic + " has " + existing + " partitions and the input "
                    + partitions + ": it needs one per input partition (delete it, or name another with --state-topic)");
        }
        return existing;
    }

    private static Map<String, Integer> maxMessageBytes(Admin admin, Collection<String> topics, int maxRequestSize,
                                                        Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Integer> limits = new HashMap<>();
        configs.forEach((resource, config) -> {
            ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            int topicLimit = entry == null || entry.value() == null ? OutputLimits.KAFKA_DEFAULT
                    : Integer.parseInt(entry.value());
            limits.put(resource.name(), Math.min(topicLimit, maxRequestSize));
        });
        return limits;
    }
}
