package dev.anomaly.common.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {
    @TempDir
    Path dir;

    @Test
    void drawsEachSeriesInItsOwnColourOnAWhiteCanvas() throws IOException {
        Path file = dir.resolve("charts/c.png");

        new LineChart("events/s by hosts", "hosts", "events/s", true)
                .add(new LineChart.Series("window 1", List.of(new double[] {10, 100_000},
                        new double[] {1_000_000, 40_000})))
                .add(new LineChart.Series("window 10", List.of(new double[] {10, 80_000},
                        new double[] {1_000_000, 20_000})))
                .add(new LineChart.Series("empty", List.of()))
                .write(file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isGreaterThan(image.getHeight());
        assertThat(image.getRGB(2, 2) & 0xffffff).as("background").isEqualTo(0xffffff);
        assertThat(colours(image)).as("the two series' colours").contains(0x1f77b4, 0xd62728);
    }

    @Test
    void roundStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(LineChart.niceStep(0.7)).isEqualTo(1.0);
        assertThat(LineChart.niceStep(13)).isEqualTo(20.0);
        assertThat(LineChart.niceStep(31_000)).isEqualTo(50_000.0);
        assertThat(LineChart.niceStep(60_000)).isEqualTo(100_000.0);
    }

    private static Set<Integer> colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                seen.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return seen;
    }
}
