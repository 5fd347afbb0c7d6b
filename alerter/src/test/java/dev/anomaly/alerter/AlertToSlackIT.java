package dev.anomaly.alerter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.alerter.cli.AlertCommand;
import dev.anomaly.alerter.testing.Anomalies;
import dev.anomaly.alerter.testing.Anomalies.Item;
import dev.anomaly.testkit.FakeSlack;
import dev.anomaly.testkit.FakeSlack.Answer;
import dev.anomaly.alerter.testing.GroupOffsets;
import dev.anomaly.testkit.CliDriver;
import dev.anomaly.testkit.CliDriver.Result;
import dev.anomaly.testkit.KafkaBrokerExtension;
import dev.anomaly.testkit.KafkaTestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code anomaly alert} in-process against the real broker and a stand-in Slack on 127.0.0.1. */
@ExtendWith(KafkaBrokerExtension.class)
class AlertToSlackIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "xoxb-4242-4343-SeCrEtBoTtOkEn";
    /** Event time an hour ago: what the alerter does must not depend on when the test runs. */
    private static final Instant T0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private final FakeSlack slack = FakeSlack.start();

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    @Test
    void twoHundredAnomaliesOfThreeHostsWithinTenSecondsBecomeOneMessagePerHostPlusResolves(KafkaTestCluster kafka) {
        String topic = topic(kafka, 1);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(Item.of("web-" + (i % 3 + 1), T0.plusMillis(i * 50L), 1.1 + (i * 7 % 30) / 10.0));
        }
        Anomalies.produce(kafka, topic, items);

        Result result = alert(webhookEnvironment(), kafka, topic, "--group-wait", "10s", "--resolve-after", "2s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> texts = slack.accepted().stream().map(FakeSlack.Request::text).toList();
        assertThat(texts).hasSize(6);
        assertThat(texts.subList(0, 3)).allSatisfy(text -> assertThat(text).matches(
                "\ud83d\udd25 HIGH: 6[67] anomalies on web-[123] in 10 s, worst \ud83d\udd25 [0-9.]+\u00d7 .*"));
        assertThat(texts.subList(3, 6)).allSatisfy(text -> assertThat(text).startsWith("\u2705 Resolved: web-"));
        assertThat(slack.reportedPerHost()).isEqualTo(Map.of("web-1", 67, "web-2", 67, "web-3", 66));
        assertThat(result.err()).contains("Consumed 200 anomalies (0 unreadable",
                "sent 6 messages (3 alerts, 0 repeats, 3 resolved)");
        assertThat(result.outLines()).hasSize(6).allSatisfy(line -> assertThat(line).startsWith("Sent: "));
    }

    @Test
    void whileAnEpisodeGoesOnRepeatsAreHeldBackAndFollowUpsGoInItsThread(KafkaTestCluster kafka) {
        String topic = topic(kafka, 1);
        List<Item> items = new ArrayList<>();
        for (int second = 0; second <= 36; second += 2) {
            items.add(Item.of("web-1", T0.plusSeconds(second), 1.5));
        }
        Anomalies.produce(kafka, topic, items);

        Result result = alert(Map.of(AlertCommand.TOKEN_ENV, TOKEN), kafka, topic, "--slack-channel", "#ops",
                "--slack-api-url", slack.apiBaseUrl(), "--group-wait", "1s", "--repeat-interval", "11s",
                "--resolve-after", "3s");

        // One anomaly every 2 s for 36 s: groups close at 1 s (alert), 13, 25 and 37 s (repeats, each 12 s
        // after the last message); the 15 groups between are held back.
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<FakeSlack.Request> accepted = slack.accepted();
        assertThat(accepted).extracting(FakeSlack.Request::text).satisfiesExactly(
                text -> assertThat(text).startsWith("\u26a0\ufe0f MEDIUM: 1 anomaly on web-1"),
                text -> assertThat(text).contains("still going: 6 more anomalies on web-1"),
                text -> assertThat(text).contains("still going: 6 more anomalies on web-1"),
                text -> assertThat(text).contains("still going: 6 more anomalies on web-1"),
                text -> assertThat(text).startsWith("\u2705 Resolved: web-1"));
        assertThat(accepted).extracting(request -> request.body().path("thread_ts").asText("none"))
                .containsExactly("none", FakeSlack.FIRST_TS, FakeSlack.FIRST_TS, FakeSlack.FIRST_TS, FakeSlack.FIRST_TS);
        assertThat(accepted).allSatisfy(request -> assertThat(request.body().get("channel").asText()).isEqualTo("#ops"));
        assertThat(slack.reportedPerHost()).containsEntry("web-1", 19);
        assertThat(result.err()).contains("15 groups suppressed");
    }

    @Test
    void anUnreadableRecordIsSkippedWithAWarningAndCommittedPast(KafkaTestCluster kafka) {
        String topic = topic(kafka, 1);
        Anomalies.produce(kafka, topic, List.of(Item.of("web-1", T0, 2.5), new Item("web-1", "{\"oops\": true"),
                Item.of("web-1", T0.plusSeconds(1), 1.5)));
        String group = KafkaTestCluster.uniqueName("alerter");

        Result result = alert(webhookEnvironment(), kafka, topic, "--group-id", group, "--group-wait", "1s",
                "--resolve-after", "1s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("warning: skipped record " + topic + "-0@1: not an anomaly (not JSON:",
                "Consumed 3 anomalies (1 unreadable");
        assertThat(slack.reportedPerHost()).containsEntry("web-1", 2);
        assertThat(GroupOffsets.committed(kafka, group, topic)).containsEntry(0, 3L);
    }

    @Test
    void aRejectionStopsWithSlacksErrorCodeAndLeavesTheAnomaliesUncommittedForTheNextRun(KafkaTestCluster kafka) {
        String topic = topic(kafka, 1);
        Anomalies.produce(kafka, topic, List.of(Item.of("web-1", T0, 2.5), Item.of("web-1", T0.plusSeconds(1), 2.5)));
        String group = KafkaTestCluster.uniqueName("alerter");
        slack.script((index, since) -> Answer.rejected(404, "channel_not_found"));

        Result rejected = alert(webhookEnvironment(), kafka, topic, "--group-id", group, "--group-wait", "1s",
                "--resolve-after", "1s");
        slack.script(FakeSlack.Script.ALWAYS_OK);
        Result fixed = alert(webhookEnvironment(), kafka, topic, "--group-id", group, "--group-wait", "1s",
                "--resolve-after", "1s");

        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(rejected.errLines()).last().asString().startsWith(
                "alert: the Slack webhook rejected the message: channel_not_found (HTTP 404); 2 anomalies not reported "
                        + "stay uncommitted");
        assertThat(fixed.exitCode()).as(fixed.err()).isZero();
        assertThat(slack.reportedPerHost()).isEqualTo(Map.of("web-1", 2));
        assertThat(GroupOffsets.committed(kafka, group, topic)).containsEntry(0, 2L);
    }

    @Test
    void aDryRunPrintsTheExactPayloadsAndCommitsNothing(KafkaTestCluster kafka) throws IOException {
        String topic = topic(kafka, 1);
        Anomalies.produce(kafka, topic, List.of(Item.of("web-1", T0, 2.5), Item.of("web-2", T0, 1.5)));
        String group = KafkaTestCluster.uniqueName("alerter");

        Result result = alert(Map.of(), kafka, topic, "--group-id", group, "--group-wait", "1s", "--resolve-after", "1s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("No Slack credential configured", "dry run");
        assertThat(result.outLines()).hasSize(4);
        JsonNode first = JSON.readTree(result.outLines().get(0));
        assertThat(first.get("text").asText()).startsWith("\ud83d\udd25 HIGH: 1 anomaly on web-1");
        assertThat(first.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        assertThat(slack.requests()).isEmpty();
        assertThat(GroupOffsets.committed(kafka, group, topic)).isEmpty();
    }

    @Test
    void aHostNameOfThreeThousandCharactersIsShortenedAndDelivered(KafkaTestCluster kafka) {
        String topic = topic(kafka, 1);
        String host = "h".repeat(3_000);
        Anomalies.produce(kafka, topic, List.of(Item.of(host, T0, 2.5)));

        Result result = alert(webhookEnvironment(), kafka, topic, "--group-wait", "1s", "--resolve-after", "1s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(slack.accepted()).hasSize(2);
        assertThat(slack.requests()).allMatch(FakeSlack.Request::accepted);
    }

    @Test
    void aMessageSlackRefusesForItsContentIsStoredAsUndeliveredAndTheAlerterGoesOn(KafkaTestCluster kafka)
            throws IOException {
        String topic = topic(kafka, 1);
        String undelivered = KafkaTestCluster.uniqueName("undelivered");
        Anomalies.produce(kafka, topic, List.of(Item.of("web-1", T0, 2.5), Item.of("web-2", T0.plusSeconds(5), 2.5)));
        String group = KafkaTestCluster.uniqueName("alerter");
        slack.script((index, since) -> index == 0 ? Answer.rejected(400, "invalid_blocks") : Answer.accept());

        Result result = alert(webhookEnvironment(), kafka, topic, "--group-id", group, "--group-wait", "1s",
                "--resolve-after", "1s", "--undelivered-topic", undelivered);

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<ConsumerRecord<String, byte[]>> stored = kafka.readAll(undelivered, Duration.ofSeconds(30));
        assertThat(stored).hasSize(1);
        JsonNode record = JSON.readTree(stored.get(0).value());
        assertThat(record.get("error").asText()).isEqualTo("invalid_blocks");
        assertThat(record.get("host").asText()).isEqualTo("web-1");
        assertThat(record.get("anomalies")).hasSize(1);
        assertThat(record.at("/message/text").asText()).contains("web-1");
        assertThat(slack.reportedPerHost()).isEqualTo(Map.of("web-2", 1));
        assertThat(GroupOffsets.committed(kafka, group, topic)).containsValue(2L);
        assertThat(result.err()).contains("1 messages refused by Slack for their content stored as undelivered");
    }

    @Test
    void anomaliesBelowTheMinimumSeverityAreNotAlerted(KafkaTestCluster kafka) {
        String topic = topic(kafka, 1);
        Anomalies.produce(kafka, topic, List.of(Item.of("web-1", T0, 1.5), Item.of("web-2", T0, 3.5)));

        Result result = alert(webhookEnvironment(), kafka, topic, "--min-severity", "high", "--group-wait", "1s",
                "--resolve-after", "1s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(slack.reportedPerHost()).isEqualTo(Map.of("web-2", 1));
        assertThat(result.err()).contains("1 below --min-severity");
    }

    @Test
    void garbageKeysAndBytesDoNotStopTheAlerter(KafkaTestCluster kafka) {
        String topic = topic(kafka, 1);
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            producer.send(new ProducerRecord<>(topic, new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, 0x28}));
            producer.send(new ProducerRecord<>(topic, null, null));
            producer.send(new ProducerRecord<>(topic, "web-1".getBytes(StandardCharsets.UTF_8),
                    Anomalies.json("web-1", T0, 2.5).getBytes(StandardCharsets.UTF_8)));
        }

        Result result = alert(webhookEnvironment(), kafka, topic, "--group-wait", "1s", "--resolve-after", "1s");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("Consumed 3 anomalies (2 unreadable");
        assertThat(slack.reportedPerHost()).isEqualTo(Map.of("web-1", 1));
    }

    @Test
    void aRebalanceWhileAGroupIsOpenCountsNothingTwice(KafkaTestCluster kafka) throws Exception {
        // Two partitions: with cooperative rebalancing only a partition that moves is revoked, and one does.
        String topic = topic(kafka, 2);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (String host : List.of("web-1", "web-2", "web-3")) {
                items.add(Item.of(host, T0.plusSeconds(i), 2.5));
            }
        }
        Anomalies.produce(kafka, topic, items);
        String group = KafkaTestCluster.uniqueName("alerter");
        CompletableFuture<Result> alerter = CompletableFuture.supplyAsync(() -> alert(webhookEnvironment(), kafka,
                topic, "--group-id", group, "--group-wait", "15s", "--resolve-after", "1s", "--verbose"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !GroupOffsets.committed(kafka, group, topic).isEmpty());

        joinAndLeave(kafka, group, topic);
        Result result = alerter.get(60, TimeUnit.SECONDS);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("Rebalance: partitions revoked");
        assertThat(slack.reportedPerHost()).isEqualTo(Map.of("web-1", 4, "web-2", 4, "web-3", 4));
    }

    /** A second member joins the group (which rebalances it), then leaves again. */
    private static void joinAndLeave(KafkaTestCluster kafka, String group, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        AtomicBoolean joined = new AtomicBoolean();
        try (KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            member.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // nothing to hand over: this member never commits
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    joined.set(true);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                member.poll(Duration.ofMillis(100));
                return joined.get();
            });
        }
    }

    private Map<String, String> webhookEnvironment() {
        return Map.of(AlertCommand.WEBHOOK_ENV, slack.webhookUrl());
    }

    private static String topic(KafkaTestCluster kafka, int partitions) {
        String topic = KafkaTestCluster.uniqueName("anomalies");
        kafka.createTopic(topic, partitions);
        return topic;
    }

    /** Runs the alerter until it has reported everything and resolved every episode. */
    private static Result alert(Map<String, String> environment, KafkaTestCluster kafka, String topic, String... args) {
        List<String> all = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(), "--topic", topic,
                "--exit-when-idle", "1s"));
        if (!List.of(args).contains("--group-id")) {
            all.addAll(List.of("--group-id", KafkaTestCluster.uniqueName("alerter")));
        }
        all.addAll(List.of(args));
        return CliDriver.run(new AlertCommand(environment), all.toArray(String[]::new));
    }
}
