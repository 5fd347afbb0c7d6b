package dev.anomaly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalingChartsTest {
    @TempDir
    Path dir;

    @Test
    void drawsTheThreeChartsAndAChartWithoutPointsToo() throws IOException {
        ScalingCharts.checkCanDraw();
        ScalingResults scaling = new ScalingResults(List.of(
                new ScalingResults.HostPoint(10, 1, throughput(110_000, 470_000)),
                new ScalingResults.HostPoint(1_000_000, 1, throughput(87_000, 1_060_000))),
                List.of(), List.of());

        List<Path> written = ScalingCharts.write(scaling, dir);

        assertThat(written).extracting(path -> path.getFileName().toString())
                .containsExactlyElementsOf(ScalingCharts.FILES);
        for (Path chart : written) {
            BufferedImage image = ImageIO.read(chart.toFile());
            assertThat(image).as(chart.toString()).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(image.getHeight());
        }
    }

    private static ThroughputResult throughput(double eventsPerSecond, long peakRssKb) {
        return new ThroughputResult(eventsPerSecond, 1_000_000, 1_000_000 / eventsPerSecond,
                ThroughputResult.COMMIT_TO_COMMIT, peakRssKb);
    }
}
