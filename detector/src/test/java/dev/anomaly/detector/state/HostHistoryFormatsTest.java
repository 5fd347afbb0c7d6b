package dev.anomaly.detector.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Changelog records as the versions before the typical range wrote them, byte by byte: a restarted detector
 * keeps their windows and baselines, and starts the typical range afresh.
 */
class HostHistoryFormatsTest {
    private static final List<String> FEATURES = List.of("a", "b");
    private static final int WINDOW = 3;
    private static final int FINGERPRINT = Objects.hash(FEATURES, WINDOW);
    private static final TypicalLimits NONE = TypicalLimits.none(2);

    @Test
    void aWindowOnlyRecordKeepsItsEvents() {
        ByteBuffer bytes = header(1, 2).putDouble(1).putDouble(10).putDouble(2).putDouble(20);

        HostHistory history = HostHistory.decode(bytes.array(), FINGERPRINT, WINDOW, 2, null, null, "web-1");
        double[] typical = new double[6];
        boolean full = history.push(new double[] {3, 30}, 15_000, typical, NONE);

        assertThat(full).isTrue();
        double[] window = new double[6];
        history.copyOldestFirst(window, 0);
        assertThat(window).containsExactly(1, 10, 2, 20, 3, 30);
        assertThat(Arrays.stream(typical).allMatch(Double::isNaN)).as("the range starts afresh").isTrue();
    }

    @Test
    void aRecordWithAnErrorBaselineKeepsItsBaseline() {
        LikelihoodSettings likelihood = LikelihoodSettings.of(0.9999, 1);
        ByteBuffer bytes = ByteBuffer.allocate(17 + 2 * 2 * Double.BYTES + 8 + 8 + 8 + 4 + 4 + Double.BYTES);
        bytes.put((byte) 2).putInt(FINGERPRINT).putLong(10_000).putInt(2)
                .putDouble(1).putDouble(10).putDouble(2).putDouble(20)
                // A warmed-up baseline: 100 errors seen, median log 0.5, lower quartile log 0.4.
                .putLong(100).putDouble(Math.log(0.5)).putDouble(Math.log(0.4)).putInt(0).putInt(1)
                .putDouble(Math.log(0.5));

        HostHistory history = HostHistory.decode(bytes.array(), FINGERPRINT, WINDOW, 2, likelihood, null, "web-1");
        history.push(new double[] {3, 30}, 15_000, new double[6], NONE);

        assertThat(history.likelihood(5.0)).as("judged at once, not warming up again").isGreaterThan(0.99);
        HostHistory again = HostHistory.decode(history.encode(FINGERPRINT), FINGERPRINT, WINDOW, 2, likelihood,
                null, "web-1");
        double[] typical = new double[6];
        again.push(new double[] {4, 40}, 20_000, typical, NONE);
        assertThat(typical).as("this version's record keeps the range").containsExactly(3, 3, 3, 30, 30, 30);
    }

    @Test
    void aHostInARunOfAnomaliesIsWrittenWithItAndOthersAsTheVersionBeforeRuns() {
        HostHistory history = new HostHistory(WINDOW, 2, 0, null, null, "web-1");
        history.push(new double[] {1, 10}, 1_000, null, NONE);

        assertThat(history.encode(FINGERPRINT)[0]).as("no run: readable by the version before runs").isEqualTo((byte) 4);
        history.extendRun(true, 1_000);
        history.push(new double[] {2, 20}, 6_000, null, NONE);
        history.extendRun(true, 6_000);
        byte[] inRun = history.encode(FINGERPRINT);
        assertThat(inRun[0]).isEqualTo((byte) 5);

        HostHistory restored = HostHistory.decode(inRun, FINGERPRINT, WINDOW, 2, null, null, "web-1");
        restored.push(new double[] {3, 30}, 11_000, null, NONE);
        assertThat(restored.extendRun(true, 11_000)).isEqualTo(3);
        assertThat(restored.runStart()).isEqualTo(1_000);
        assertThat(restored.runSpan()).isEqualTo(10_000);
    }

    @Test
    void aRecordOfAnotherSpecOrAnUnknownFormatIsNotRead() {
        ByteBuffer bytes = header(1, 0);

        assertThat(HostHistory.decode(bytes.array(), FINGERPRINT + 1, WINDOW, 2, null, null, "web-1")).isNull();
        bytes.put(0, (byte) 9);
        assertThat(HostHistory.decode(bytes.array(), FINGERPRINT, WINDOW, 2, null, null, "web-1")).isNull();
    }

    /** Format, fingerprint, last seen (10 s) and count, with room for {@code events} events of two features. */
    private static ByteBuffer header(int format, int events) {
        return ByteBuffer.allocate(17 + events * 2 * Double.BYTES).put((byte) format).putInt(FINGERPRINT)
                .putLong(10_000).putInt(events);
    }
}
