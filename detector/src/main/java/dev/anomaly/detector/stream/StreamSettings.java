package dev.anomaly.detector.stream;

import dev.anomaly.alerting.rules.AlertRules;
import dev.anomaly.common.event.HostField;
import dev.anomaly.common.kafka.Topics;
import dev.anomaly.detector.loop.Guarantee;
import dev.anomaly.detector.state.LikelihoodSettings;
import dev.anomaly.model.OnlineLearning;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the streaming detector reads, writes and promises. Built with {@link #builder()}, whose defaults are
 * {@code anomaly detect}'s (the command, the demo and the bench take them from here).
 *
 * @param inputTopic events to score
 * @param anomaliesTopic every anomalous event, enriched
 * @param normalTopic optionally every scored normal (and not yet scorable) event, enriched
 * @param anomalousTopic optionally every anomalous event again (the Kafka Streams tutorial's routing)
 * @param deadLetterTopic records that cannot be scored, byte for byte with the reason in headers
 * @param stateTopic the changelog of the hosts' windows (compacted, one partition per input partition)
 * @param groupId the consumer group; detectors in one group share the partitions
 * @param guarantee exactly-once or at-least-once
 * @param resetToEarliest where a group without committed offsets starts: the beginning or the end
 * @param maxPollRecords the most records per batch
 * @param maxRecordBytes larger values are dead letters
 * @param reloadInterval how often model.json is checked for a new model
 * @param timeout how long to wait for Kafka at start (later outages are waited out, however long)
 * @param instanceId names this detector's transactional producer and, when {@code staticMember}, its group
 *     membership: a restarted detector with the same id takes over its predecessor's partitions and aborts
 *     its open transaction at once, instead of waiting for the session and the transaction to time out
 * @param staticMember whether the instance id was given by the operator (so it is stable across restarts)
 * @param stopWhenIdle stop after this long without records (for batch runs), or null to run until stopped
 * @param hostIdleTimeout a host without an event for this long, in event time, starts again as new
 * @param likelihood how each host's anomaly likelihood is judged, or null to judge by the model's threshold
 * @param learning how an autoencoder keeps learning from what it scores, or null: never
 * @param rules which departures from what the model expected count towards an anomaly
 * @param hostField where a record without a key names its host
 * @param verbose say more on the console (restores, rebalances)
 */
public record StreamSettings(String inputTopic, String anomaliesTopic, Optional<String> normalTopic,
                             Optional<String> anomalousTopic, String deadLetterTopic, String stateTopic,
                             String groupId, Guarantee guarantee, boolean resetToEarliest, int maxPollRecords,
                             int maxRecordBytes, Duration reloadInterval, Duration timeout, String instanceId,
                             boolean staticMember, Duration stopWhenIdle, Duration hostIdleTimeout,
                             LikelihoodSettings likelihood, OnlineLearning learning, AlertRules rules,
                             HostField hostField, boolean verbose) {
    public static final String DEFAULT_GROUP = "anomaly-detector";
    public static final String DEFAULT_MAX_POLL_RECORDS = "10000";
    public static final String DEFAULT_MAX_RECORD_BYTES = "102400";
    public static final String DEFAULT_RELOAD_INTERVAL = "5s";
    public static final String DEFAULT_TIMEOUT = "30s";
    public static final String DEFAULT_HOST_IDLE_TIMEOUT = "1h";
    /** The state topic of a group unless named: {@code GROUP.state}. */
    public static final String STATE_TOPIC_SUFFIX = ".state";

    public StreamSettings {
        Objects.requireNonNull(inputTopic, "inputTopic");
        Objects.requireNonNull(anomaliesTopic, "anomaliesTopic");
        Objects.requireNonNull(normalTopic, "normalTopic");
        Objects.requireNonNull(anomalousTopic, "anomalousTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(stateTopic, "stateTopic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(hostIdleTimeout, "hostIdleTimeout");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(hostField, "hostField");
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("max poll records must be at least 1");
        }
        if (hostIdleTimeout.isZero() || hostIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("the host idle timeout must be positive");
        }
    }

    /** Settings with {@code anomaly detect}'s defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link StreamSettings}; every setter but the topics' is optional. */
    public static final class Builder {
        private String inputTopic = Topics.SYSTEM_METRICS;
        private String anomaliesTopic = Topics.ANOMALIES;
        private String normalTopic;
        private String anomalousTopic;
        private String deadLetterTopic = Topics.DEAD_LETTERS;
        private String stateTopic;
        private String groupId = DEFAULT_GROUP;
        private Guarantee guarantee = Guarantee.EXACTLY_ONCE;
        private boolean resetToEarliest = true;
        private int maxPollRecords = Integer.parseInt(DEFAULT_MAX_POLL_RECORDS);
        private int maxRecordBytes = Integer.parseInt(DEFAULT_MAX_RECORD_BYTES);
        private Duration reloadInterval = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(30);
        private String instanceId;
        private Duration stopWhenIdle;
        private Duration hostIdleTimeout = Duration.ofHours(1);
        private LikelihoodSettings likelihood = LikelihoodSettings.of(LikelihoodSettings.DEFAULT_THRESHOLD,
                LikelihoodSettings.DEFAULT_SHORT_WINDOW);
        private OnlineLearning learning = new OnlineLearning(OnlineLearning.DEFAULT_LEARNING_RATE,
                OnlineLearning.DEFAULT_LEARN_EVERY);
        private AlertRules rules = AlertRules.NONE;
        private HostField hostField = HostField.DEFAULT;
        private boolean verbose;

        private Builder() {
        }

        public Builder inputTopic(String topic) {
            this.inputTopic = topic;
            return this;
        }

        public Builder anomaliesTopic(String topic) {
            this.anomaliesTopic = topic;
            return this;
        }

        /** Also route every normal (and not yet scorable) event here; null: don't. */
        public Builder normalTopic(String topic) {
            this.normalTopic = topic;
            return this;
        }

        /** Also route every anomalous event here; null: don't. */
        public Builder anomalousTopic(String topic) {
            this.anomalousTopic = topic;
            return this;
        }

        public Builder deadLetterTopic(String topic) {
            this.deadLetterTopic = topic;
            return this;
        }

        /** The windows' changelog; null: {@code GROUP.state}. */
        public Builder stateTopic(String topic) {
            this.stateTopic = topic;
            return this;
        }

        public Builder groupId(String group) {
            this.groupId = group;
            return this;
        }

        public Builder guarantee(Guarantee value) {
            this.guarantee = value;
            return this;
        }

        public Builder resetToEarliest(boolean value) {
            this.resetToEarliest = value;
            return this;
        }

        public Builder maxPollRecords(int value) {
            this.maxPollRecords = value;
            return this;
        }

        public Builder maxRecordBytes(int value) {
            this.maxRecordBytes = value;
            return this;
        }

        public Builder reloadInterval(Duration value) {
            this.reloadInterval = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** A stable name given by the operator (static membership); null: a random one. */
        public Builder instanceId(String id) {
            this.instanceId = id;
            return this;
        }

        /** Stop after this long without records; null: run until stopped. */
        public Builder stopWhenIdle(Duration value) {
            this.stopWhenIdle = value;
            return this;
        }

        public Builder hostIdleTimeout(Duration value) {
            this.hostIdleTimeout = value;
            return this;
        }

        /** Null: the model's threshold decides, as before likelihood. */
        public Builder likelihood(LikelihoodSettings value) {
            this.likelihood = value;
            return this;
        }

        /** Null: the model scores with its trained weights only. */
        public Builder learning(OnlineLearning value) {
            this.learning = value;
            return this;
        }

        public Builder rules(AlertRules value) {
            this.rules = value;
            return this;
        }

        public Builder hostField(HostField value) {
            this.hostField = value;
            return this;
        }

        public Builder verbose(boolean value) {
            this.verbose = value;
            return this;
        }

        public StreamSettings build() {
            return new StreamSettings(inputTopic, anomaliesTopic, Optional.ofNullable(normalTopic),
                    Optional.ofNullable(anomalousTopic), deadLetterTopic,
                    stateTopic != null ? stateTopic : groupId + STATE_TOPIC_SUFFIX, groupId, guarantee,
                    resetToEarliest, maxPollRecords, maxRecordBytes, reloadInterval, timeout,
                    instanceId != null ? instanceId : UUID.randomUUID().toString(), instanceId != null,
                    stopWhenIdle, hostIdleTimeout, likelihood, learning, rules, hostField, verbose);
        }
    }
}
