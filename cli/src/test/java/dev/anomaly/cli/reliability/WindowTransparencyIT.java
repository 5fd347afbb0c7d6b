package dev.anomaly.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anomaly.testkit.AnomalyProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scenario 7: with --window 10 (and --for 3, whose runs of anomalies are per-host state too), faults change
 * nothing in the output. The same stream is scored twice: by a detector left alone, and by one killed three
 * times (kill -9) while a second detector joins the group and leaves it again. Every output is the same, field
 * for field (detected_at aside; suppressed_by and anomalous_since included): each host's window and run, and
 * what the model learnt as it kept learning ({@code --learn}, on by default: an autoencoder's weights, a random
 * cut forest's trees, one per input partition), held what they would have held, restored from the state topic
 * after every fault.
 */
class WindowTransparencyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = Pipeline.SOAK ? 200_000 : 45_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"autoencoder", "random-cut-forest"})
    void killsAndRebalancesChangeNoOutput(String family) throws Exception {
        try (Pipeline pipeline = Pipeline.start(dir)) {
            Path models = pipeline.trainModel("model", 10, family);
            // A live stream at a fixed rate, so every fault lands mid-run however fast the machine is.
            AnomalyProcess generator = pipeline.start("generate", "--bootstrap-server", pipeline.bootstrap(),
                    "--topic", "windows-in", "--count", Integer.toString(EVENTS), "--rate", "1000", "--hosts", "10",
                    "--seed", "4");

            AnomalyProcess first = detect(pipeline, models, "faulty-1");
            awaitProgress(pipeline, EVENTS / 8);
            first.kill();
            AnomalyProcess second = detect(pipeline, models, "faulty-1");
            AnomalyProcess joining = detect(pipeline, models, "faulty-2");
            joining.awaitErr("Restored the windows of partition", Duration.ofSeconds(120));
            long joined = awaitProgress(pipeline, pipeline.committedTotal("faulty") + EVENTS / 10);
            Pipeline.leave(joining);
            awaitProgress(pipeline, joined + EVENTS / 10);
            second.kill();
            AnomalyProcess third = detect(pipeline, models, "faulty-1");
            awaitProgress(pipeline, pipeline.committedTotal("faulty") + EVENTS / 10);
            long killedAt = pipeline.committedTotal("faulty");
            third.kill();
            assertThat(killedAt).as("the last kill lands before the end of the stream").isLessThan(EVENTS);
            // Started mid-stream: no idle exit, stopped once it has scored the whole stream.
            AnomalyProcess last = detect(pipeline, models, "faulty-1");
            assertThat(generator.awaitExit(Duration.ofSeconds(300))).as(generator.errLines().toString()).isZero();
            pipeline.awaitCaughtUp("faulty", "windows-in", Duration.ofSeconds(300));
            Pipeline.leave(last);

            AnomalyProcess clean = pipeline.start("detect", "--bootstrap-server", pipeline.bootstrap(), "--topic",
                    "windows-in", "--normal-topic", "clean-out", "--anomalies-topic", "clean-anomalies", "--group-id",
                    "clean", "--model-dir", models.toString(), "--stop-when-idle", "5s", "--for", "3");
            assertThat(clean.awaitExit(Duration.ofSeconds(300))).as(clean.errLines().toString()).isZero();

            Map<String, String> faulty = outputs(pipeline, "faulty-out", "faulty-anomalies");
            Map<String, String> reference = outputs(pipeline, "clean-out", "clean-anomalies");
            long differing = reference.entrySet().stream()
                    .filter(entry -> !entry.getValue().equals(faulty.get(entry.getKey()))).count();
            System.out.printf("[windows] %s, %,d events; outputs: clean %,d, with 3 kills and 2 rebalances %,d, "
                    + "differing %,d%n", family, EVENTS, reference.size(), faulty.size(), differing);
            long heldBack = reference.values().stream().filter(output -> output.contains("\"suppressed_by\":[\"for\"]"))
                    .count();
            long standing = reference.values().stream().filter(output -> output.contains("\"anomalous_since\""))
                    .count();
            System.out.printf("[windows] --for 3: %,d anomalies held back, %,d standing with anomalous_since%n",
                    heldBack, standing);
            assertThat(heldBack).as("anomalies --for held back").isPositive();
            assertThat(standing).as("anomalies standing after --for").isPositive();
            assertThat(reference).hasSize(EVENTS);
            assertThat(faulty).isEqualTo(reference);
        }
    }

    private static AnomalyProcess detect(Pipeline pipeline, Path models, String instance, String... extra) {
        String[] base = {"detect", "--bootstrap-server", pipeline.bootstrap(), "--topic", "windows-in",
            "--normal-topic", "faulty-out", "--anomalies-topic", "faulty-anomalies", "--group-id", "faulty",
            "--instance-id", instance, "--model-dir", models.toString(), "--max-poll-records", "200", "--verbose",
            "--for", "3"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return pipeline.start(args);
    }

    /** Waits until the group has committed this many input offsets; returns how many it has. */
    private static long awaitProgress(Pipeline pipeline, long offsets) {
        long[] reached = new long[1];
        pipeline.awaitWhileRunning("detectors committing offset " + offsets, Duration.ofSeconds(180), () -> {
            reached[0] = pipeline.committedTotal("faulty");
            return reached[0] >= offsets;
        });
        return reached[0];
    }

    /** Every output by event, without the one field that must differ: when it was detected. */
    private static Map<String, String> outputs(Pipeline pipeline, String... topics) throws IOException {
        Map<String, String> outputs = new HashMap<>();
        for (String topic : topics) {
            for (ConsumerRecord<byte[], byte[]> record : pipeline.readCommitted(topic)) {
                ObjectNode node = (ObjectNode) JSON.readTree(record.value());
                node.remove("detected_at");
                String previous = outputs.put(Pipeline.eventId(record.value()), node.toString());
                assertThat(previous).as("two outputs for one event").isNull();
            }
        }
        return outputs;
    }
}
