package dev.anomaly.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SkewTolerantWatermarkTest {
    private final SkewTolerantWatermark watermark = new SkewTolerantWatermark();

    @Test
    void thereIsNoWatermarkUntilTwoSourcesAgree() {
        assertThat(watermark.observe("a", 100)).isEqualTo(SkewTolerantWatermark.NONE);
        assertThat(watermark.observe("a", 200)).isEqualTo(SkewTolerantWatermark.NONE);

        assertThat(watermark.observe("b", 150)).isEqualTo(150);
    }

    @Test
    void oneSourceFarAheadMovesNothingButItself() {
        watermark.observe("a", 1_000);
        watermark.observe("b", 1_000);
        watermark.observe("skewed", 32_503_680_000_000L);

        assertThat(watermark.observe("a", 2_000)).isEqualTo(2_000);
        assertThat(watermark.observe("b", 3_000)).isEqualTo(3_000);
    }

    @Test
    void itNeverGoesBackwards() {
        watermark.observe("a", 500);
        watermark.observe("b", 400);
        watermark.observe("a", 100);
        watermark.observe("c", 300);

        assertThat(watermark.current()).isEqualTo(400);
    }

    @Test
    void itIsTheSecondNewestSourcesNewestTimeWhateverTheOrder() {
        Random random = new Random(7);
        List<String[]> events = new ArrayList<>();
        Map<String, Long> newest = new TreeMap<>();
        for (int i = 0; i < 2_000; i++) {
            String source = "h" + random.nextInt(50);
            long time = random.nextInt(1_000_000);
            events.add(new String[] {source, Long.toString(time)});
            newest.merge(source, time, Math::max);
        }
        events.forEach(event -> watermark.observe(event[0], Long.parseLong(event[1])));

        List<Long> times = new ArrayList<>(newest.values());
        Collections.sort(times);
        assertThat(watermark.current()).isEqualTo(times.get(times.size() - 2));
        SkewTolerantWatermark rebuilt = new SkewTolerantWatermark();
        newest.forEach(rebuilt::observe);
        assertThat(rebuilt.current()).isEqualTo(watermark.current());
    }
}
