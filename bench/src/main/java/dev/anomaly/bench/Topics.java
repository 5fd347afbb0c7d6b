package dev.anomaly.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the bench's topics on its own broker: one replica, the run's partitions. */
final class Topics {
    private static final long TIMEOUT_SECONDS = 30;

    private Topics() {
    }

    static void create(Admin admin, int partitions, List<String> topics) throws InterruptedException {
        List<NewTopic> created = new ArrayList<>();
        for (String topic : topics) {
            created.add(new NewTopic(topic, Optional.of(partitions), Optional.of((short) 1)));
        }
        try {
            admin.createTopics(created).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new BenchException("cannot create topics " + topics + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new BenchException("the broker did not create topics " + topics + " within " + TIMEOUT_SECONDS
                    + " s", e);
        }
    }
}
