package dev.anomaly.alerter.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anomaly.alerter.event.SourcePosition;
import dev.anomaly.alerter.grouping.Notification;
import dev.anomaly.alerter.slack.SlackMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration timeout;

    public UndeliveredTopic(Producer<byte[], byte[]> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    public String topic() {
        return topic;
    }

    /**
     * Stores the refused message and waits until Kafka has it.
     *
     * @throws KafkaException when Kafka does not take it within the timeout (the anomalies stay uncommitted)
     */
    void store(Notification notification, SlackMessage message, String error, String source) {
        ObjectNode record = JSON.createObjectNode();
        record.put("host", notification.host());
        record.put("kind", notification.kind().name());
        record.put("at", notification.at().toString());
        record.put("error", error);
        record.put("source_topic", source);
        var positions = record.putArray("anomalies");
        for (SourcePosition position : notification.covers()) {
            positions.addObject().put("partition", position.partition()).put("offset", position.offset());
        }
        record.set("message", message.payload());
        byte[] key = notification.host().getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsBytes(record)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafka ? kafka
                    : new KafkaException("cannot store the undelivered message", e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Kafka did not store the undelivered message within " + timeout.toSeconds()
                    + " s", e);
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
