package dev.anomaly.alerter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.anomaly.alerter.cli.SilenceCommand;
import dev.anomaly.alerter.testing.AlerterProcesses;
import dev.anomaly.alerter.testing.Anomalies;
import dev.anomaly.alerter.testing.Anomalies.Item;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.FakeSlack;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: a silence added while two alerters run stops the messages of matching hosts (and only theirs) on
 * both, holds across a restart, and once expired the host's next message says what it held back.
 */
@ExtendWith(KafkaBrokerExtension.class)
class SilenceIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final FakeSlack slack = FakeSlack.start();
    private AlerterProcesses alerters;

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        if (alerters != null) {
            alerters.close();
        }
        slack.close();
    }

    @Test
    void aSilenceStopsMatchingHostsOnEveryAlerterAcrossRestartsUntilItIsExpired(KafkaTestCluster kafka)
            throws Exception {
        String topic = KafkaTestCluster.uniqueName("anomalies");
        String silences = KafkaTestCluster.uniqueName("silences");
        String group = KafkaTestCluster.uniqueName("alerter");
        kafka.createTopic(topic, 2);
        Process first = start(kafka, topic, silences, group, "first");
        Process second = start(kafka, topic, silences, group, "second");
        awaitEveryMemberAssigned(kafka, group, 2);
        // One silenced host in each partition, so that each alerter has one to hold back.
        String db0 = hostInPartition("db-", 0);
        String db1 = hostInPartition("db-", 1);

        // Added while both run: each says it is in force before the anomalies come.
        String id = silence(kafka, silences, "add", "--host", "db-*", "--for", "1h", "--reason", "deploy 4121");
        awaitOutput("first", "Silence " + id + " in force for 'db-*'");
        awaitOutput("second", "Silence " + id + " in force for 'db-*'");
        Anomalies.produce(kafka, topic, burst(List.of(db0, db1, "web-1"), 0));

        await().atMost(WAIT).until(() -> messagesFor("web-1") >= 2);
        await().atMost(WAIT).until(() -> output("first").contains("Silenced (" + id)
                && output("second").contains("Silenced (" + id));
        assertThat(messagesFor(db0) + messagesFor(db1)).as("messages for silenced hosts").isZero();

        // A restart reads the silence before its first decision.
        first.destroy();
        second.destroy();
        first.waitFor(30, TimeUnit.SECONDS);
        second.waitFor(30, TimeUnit.SECONDS);
        start(kafka, topic, silences, group, "third");
        awaitOutput("third", "Silence " + id + " in force for 'db-*'");
        int silencedBefore = count(output("third"), "Silenced (" + id);
        Anomalies.produce(kafka, topic, burst(List.of(db0), 30));
        await().atMost(WAIT).until(() -> count(output("third"), "Silenced (" + id) > silencedBefore);
        assertThat(messagesFor(db0)).isZero();

        silence(kafka, silences, "expire", id);
        awaitOutput("third", "Silence " + id + " ended");
        Anomalies.produce(kafka, topic, burst(List.of(db0), 60));

        await().atMost(WAIT).until(() -> messagesFor(db0) >= 1);
        assertThat(slack.accepted()).filteredOn(request -> request.text().contains(db0)).first()
                .satisfies(request -> assertThat(request.text()).contains("silenced by " + id + " (deploy 4121)"));
        assertThat(messagesFor(db1)).isZero();
    }

    /** Three anomalies of each host, a second apart, starting {@code offsetSeconds} after now. */
    private static List<Item> burst(List<String> hosts, long offsetSeconds) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(offsetSeconds);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (String host : hosts) {
                items.add(Item.of(host, start.plusSeconds(i), 2.5));
            }
        }
        return items;
    }

    /** The first of prefix1, prefix2, ... that the default partitioner puts in this partition of two. */
    private static String hostInPartition(String prefix, int partition) {
        for (int i = 1; ; i++) {
            byte[] key = (prefix + i).getBytes(StandardCharsets.UTF_8);
            if (Utils.toPositive(Utils.murmur2(key)) % 2 == partition) {
                return prefix + i;
            }
        }
    }

    /** Waits until the group has this many members, each with a partition: no rebalance is pending. */
    private static void awaitEveryMemberAssigned(KafkaTestCluster kafka, String group, int members) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            // Until the group exists, describing it fails: try again.
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                        .get(10, TimeUnit.SECONDS).get(group);
                return description.members().size() == members && description.members().stream()
                        .allMatch(member -> !member.assignment().topicPartitions().isEmpty());
            });
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private long messagesFor(String host) {
        return slack.accepted().stream().filter(request -> request.text().contains(" " + host)).count();
    }

    private static String silence(KafkaTestCluster kafka, String topic, String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--bootstrap-server", kafka.bootstrapServers(), "--silences-topic", topic));
        CliDriver.Result result = CliDriver.run(new SilenceCommand(), command.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out().strip();
    }

    private void awaitOutput(String name, String text) {
        await().atMost(WAIT).until(() -> output(name).contains(text));
    }

    private Process start(KafkaTestCluster kafka, String topic, String silences, String group, String name)
            throws IOException {
        return alerters().start(name, List.of("--bootstrap-server", kafka.bootstrapServers(), "--topic", topic,
                "--group-id", group, "--silences-topic", silences, "--group-wait", "1s", "--repeat-interval", "0s",
                "--resolve-after", "2s"));
    }

    private AlerterProcesses alerters() {
        if (alerters == null) {
            alerters = new AlerterProcesses(dir, slack.webhookUrl());
        }
        return alerters;
    }

    private String output(String name) {
        return alerters().output(name);
    }
}
