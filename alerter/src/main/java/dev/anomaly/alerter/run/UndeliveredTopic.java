package dev.anomaly.alerter.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anomaly.alerter.delivery.DeliveryStoppedException;
import dev.anomaly.alerter.delivery.Waiter;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.grouping.Notification;
import dev.anomaly.alerting.slack.SlackMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Where a message goes that Slack refused for its content: one JSON record per message (key: the host) with
 * Slack's error, the message as it would have been posted, and the anomalies it covered, so nothing Slack
 * would not take is lost silently and the alerter can go on.
 */
public final class UndeliveredTopic implements AutoCloseable {
    /** The topic unless named. */
    public static final String DEFAULT = "anomalies.undelivered";
    private static final Duration RETRY_EVERY = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    public UndeliveredTopic(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /**
     * Stores the refused message, trying again every 5 s while Kafka does not take it: the anomalies it covers
     * stay uncommitted until it is stored, however long that takes.
     *
     * @param wait how to wait between attempts (the alerter's keeps polling its paused partitions)
     * @param warn where to say that an attempt failed (rate-limited by the caller)
     * @throws DeliveryStoppedException when a stop is requested meanwhile
     */
    void storeRetrying(Notification notification, SlackMessage message, String error, String source, Waiter wait,
                       java.util.function.Consumer<String> warn) {
        while (true) {
            try {
                store(notification, message, error, source);
                return;
            } catch (KafkaException e) {
                warn.accept("cannot store the message Slack refused in " + topic + " yet (" + e.getMessage()
                        + "); retrying");
                if (wait.await(RETRY_EVERY)) {
                    throw new DeliveryStoppedException();
                }
            }
        }
    }

    /**
     * Stores the refused message and waits until Kafka has it.
     *
     * @throws KafkaException when Kafka does not take it within the producer's delivery timeout (the caller
     *     tries again; the anomalies stay uncommitted meanwhile)
     */
    void store(Notification notification, SlackMessage message, String error, String source) {
        ObjectNode record = JSON.createObjectNode();
        record.put("host", notification.host());
        record.put("kind", notification.kind().name());
        record.put("at", notification.at().toString());
        record.put("error", error);
        record.put("source_topic", source);
        // As ranges of offsets: a group of thousands of anomalies stays a small record.
        var ranges = record.putArray("anomalies");
        java.util.List<SourcePosition> sorted = new java.util.ArrayList<>(notification.covers());
        sorted.sort(java.util.Comparator.comparingInt(SourcePosition::partition)
                .thenComparingLong(SourcePosition::offset));
        for (int i = 0; i < sorted.size(); ) {
            SourcePosition first = sorted.get(i);
            long last = first.offset();
            int j = i + 1;
            while (j < sorted.size() && sorted.get(j).partition() == first.partition()
                    && sorted.get(j).offset() == last + 1) {
                last = sorted.get(j++).offset();
            }
            ranges.addObject().put("partition", first.partition()).put("from", first.offset()).put("to", last);
            i = j;
        }
        record.set("message", message.payload());
        byte[] key = notification.host().getBytes(StandardCharsets.UTF_8);
        try {
            // No timeout of ours: the producer settles every send within its delivery timeout, and giving up
            // earlier would store the message twice when the first send lands after all.
            producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsBytes(record))).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafka ? kafka
                    : new KafkaException("cannot store the undelivered message", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while storing the undelivered message", e);
        } catch (java.io.IOException e) {
            throw new KafkaException("cannot write the undelivered message", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
