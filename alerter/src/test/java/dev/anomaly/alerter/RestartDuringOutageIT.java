package dev.anomaly.alerter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.anomaly.alerter.testing.AlerterProcesses;
import dev.anomaly.alerter.testing.Anomalies;
import dev.anomaly.alerter.testing.Anomalies.Item;
import dev.anomaly.testkit.FakeSlack;
import dev.anomaly.testkit.FakeSlack.Answer;
import dev.anomaly.alerter.testing.GroupOffsets;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: the alerter killed (SIGKILL) during a Slack outage and started again reports every anomaly,
 * and repeats nothing Slack had accepted before the kill.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RestartDuringOutageIT {
    private static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

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
    void aKillDuringAnOutageLosesNothingAndRepeatsNothingAccepted(KafkaTestCluster kafka) throws Exception {
        // Two hosts in one partition: the first group to close gets through, then Slack goes down.
        String topic = KafkaTestCluster.uniqueName("anomalies");
        kafka.createTopic(topic, 1);
        List<Item> items = new ArrayList<>();
        Map<String, Integer> produced = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            String host = i % 2 == 0 ? "web-1" : "web-2";
            items.add(Item.of(host, T0.plusMillis(i * 250L), 2.5));
            produced.merge(host, 1, Integer::sum);
        }
        Anomalies.produce(kafka, topic, items);
        AtomicBoolean outageOver = new AtomicBoolean();
        slack.script((index, since) -> index == 0 || outageOver.get() ? Answer.accept() : Answer.serverError());
        String group = KafkaTestCluster.uniqueName("alerter");

        Process first = start(kafka, topic, group, "first");
        await().atMost(Duration.ofSeconds(90)).until(() -> slack.requests().size() >= 3);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Map<Integer, Long> committedAtKill = GroupOffsets.committed(kafka, group, topic);
        outageOver.set(true);
        Process second = start(kafka, topic, group, "second", "--exit-when-idle", "2s");
        boolean exited = second.waitFor(120, TimeUnit.SECONDS);

        assertThat(exited).as(output("second")).isTrue();
        assertThat(second.exitValue()).as(output("second")).isZero();
        // Which host's group closes first depends on the real time the clock adds while the backlog is read:
        // either way the commit stops at the other host's first anomaly (web-1 has the even offsets, web-2 the
        // odd ones), and the metadata above it says which were reported.
        String firstAccepted = slack.accepted().get(0).text();
        long otherHostsFirstOffset = firstAccepted.contains(" web-1 ") ? 1L : 0L;
        assertThat(committedAtKill).as(output("first")).containsEntry(0, otherHostsFirstOffset);
        // Exact counts: nothing lost, and the first group (accepted before the kill) not reported again.
        assertThat(slack.reportedPerHost()).as(output("first") + output("second")).isEqualTo(produced);
        assertThat(output("first") + output("second")).doesNotContain(slack.webhookUrl())
                .doesNotContain(FakeSlack.WEBHOOK_PATH);
    }

    private Process start(KafkaTestCluster kafka, String topic, String group, String name, String... extra)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(), "--topic", topic,
                "--group-id", group,
                // Every group gets a message (none held back), so the messages' counts add up to every anomaly.
                "--group-wait", "2s", "--repeat-interval", "0s", "--resolve-after", "2s", "--verbose",
                // Static membership: the restarted alerter takes the killed one's partition back at once. A
                // shorter session instead would be timing: a busy machine missing two heartbeats rebalances the
                // first run, which then repeats what Slack accepted (as documented) and breaks the exact counts.
                "--instance-id", "alerter-1"));
        args.addAll(List.of(extra));
        return alerters().start(name, args);
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
