package dev.anomaly.common.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoredCsvChartsTest {
    @TempDir
    Path dir;

    @Test
    void eachHostIsAPngWithItsSeriesItsExpectedValuesAndADotOnEveryFlaggedEvent() throws IOException {
        // db-1: a cpu spike every 50 events (flagged); web-1: nothing flagged.
        Path csv = scored(List.of("db-1", "web-1"), 400, 50);

        List<ScoredCsvCharts.Chart> charts = ScoredCsvCharts.write(csv, dir.resolve("charts"), 10, "host");

        assertThat(charts).extracting(ScoredCsvCharts.Chart::host).as("the most flagged first")
                .containsExactly("db-1", "web-1");
        assertThat(charts.get(0).flagged()).isEqualTo(8);
        List<HostSeries> series = ScoredCsvCharts.read(csv, "host");
        for (int h = 0; h < 2; h++) {
            BufferedImage image = ImageIO.read(charts.get(h).file().toFile());
            HostSeries host = series.get(h);
            ChartLayout layout = ChartLayout.of(host);
            assertThat(image.getWidth()).isEqualTo(ChartLayout.WIDTH);
            assertThat(image.getHeight()).isEqualTo(layout.height()).isGreaterThan(2 * ChartLayout.PANEL_HEIGHT);
            int dots = 0;
            for (int i = 0; i < host.size(); i++) {
                if (host.flagged(i)) {
                    for (int f = 0; f < host.features().size(); f++) {
                        assertThat(image.getRGB(layout.x(i), layout.y(f, host.value(i, f))))
                                .as("event %d of %s, %s", i, host.host(), host.features().get(f))
                                .isEqualTo(HostChart.FLAGGED.getRGB());
                        dots++;
                    }
                }
            }
            assertThat(dots).isEqualTo(h == 0 ? 8 * 2 : 0);
            assertThat(count(image, HostChart.FLAGGED.getRGB(), layout.panelTop(0),
                    layout.height() - ChartLayout.BOTTOM) > 0).as("dots in the panels")
                    .isEqualTo(h == 0);
            assertThat(count(image, HostChart.VALUE.getRGB())).as("the series").isGreaterThan(host.size());
            assertThat(count(image, HostChart.EXPECTED.getRGB())).as("the expected values").isGreaterThan(100);
            assertThat(count(image, HostChart.TYPICAL.getRGB())).as("the typical band").isGreaterThan(1000);
        }
        assertThat(count(ImageIO.read(charts.get(0).file().toFile()), HostChart.EPISODE.getRGB()))
                .as("labelled episodes shaded").isPositive();
    }

    @Test
    void onlyTheWorstHostsAreDrawnUnderNamesAFileSystemTakes() throws IOException {
        Path csv = scored(List.of("a/b", "A/B", "c"), 200, 20);

        List<ScoredCsvCharts.Chart> charts = ScoredCsvCharts.write(csv, dir.resolve("charts"), 2, "host");

        assertThat(charts).hasSize(2);
        assertThat(charts).extracting(chart -> chart.file().getFileName().toString())
                .containsExactly("a_b.png", "A_B-2.png");
        Set<String> taken = new HashSet<>();
        assertThat(ScoredCsvCharts.fileName("..", taken)).isEqualTo("_...png");
    }

    @Test
    void detectsOwnColumnsAreTheLastOnesAnInputStatusOrAnEarlierScoringDoNotCount() throws IOException {
        // The input had a status column of its own and was scored before (its old verdicts say nothing).
        Path csv = Files.writeString(dir.resolve("twice.csv"), String.join("\n",
                "host,status,cpu,is_anomaly,expected_cpu,is_anomaly,status,expected_cpu,typical_low_cpu,typical_high_cpu",
                "a,up,10,true,0,false,scored,10,8,12",
                "a,up,90,false,0,true,scored,11,8,12",
                "b,up,10,true,0,false,scored,10,12,8") + "\n");

        List<HostSeries> series = ScoredCsvCharts.read(csv, "host");

        assertThat(series).extracting(HostSeries::anomalies).containsExactly(1, 0);
        assertThat(series.get(0).features()).containsExactly("cpu");
        assertThat(series.get(0).expected(1, 0)).isEqualTo(11f);
        assertThat(ScoredCsvCharts.write(csv, dir.resolve("c"), 5, "host")).hasSize(2);
    }

    @Test
    void aFileWithoutRowsDrawsNothing() throws IOException {
        Path csv = Files.writeString(dir.resolve("empty.csv"), "host,cpu,is_anomaly,status,expected_cpu\n");

        assertThat(ScoredCsvCharts.write(csv, dir.resolve("none"), 5, "host")).isEmpty();
        assertThat(dir.resolve("none")).doesNotExist();
    }

    @Test
    void aFileThatIsNotAScoredCsvIsOneLine() throws IOException {
        Path raw = Files.writeString(dir.resolve("raw.csv"), "timestamp,host,cpu_usage\n2026-01-01T00:00:00Z,a,1\n");

        assertThatThrownBy(() -> ScoredCsvCharts.write(raw, dir.resolve("charts"), 10, "host"))
                .hasMessageContaining("raw.csv: not a scored CSV");
    }

    private static long count(BufferedImage image, int rgb) {
        return count(image, rgb, 0, image.getHeight());
    }

    /** Pixels of colour {@code rgb} in rows {@code top} to {@code bottom} (the panels: not the legend). */
    private static long count(BufferedImage image, int rgb, int top, int bottom) {
        long count = 0;
        for (int y = top; y < bottom; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += image.getRGB(x, y) == rgb ? 1 : 0;
            }
        }
        return count;
    }

    /**
     * A scored CSV as detect writes it, two features: cpu on a slow wave, memory flat with noise; every
     * {@code spikeEvery} events of the first host a labelled, flagged cpu spike (hosts later in the list get
     * fewer, so the order of the worst is known).
     */
    private Path scored(List<String> hosts, int events, int spikeEvery) throws IOException {
        StringBuilder csv = new StringBuilder("timestamp,host,cpu_usage,memory_usage,label,episode,is_anomaly,"
                + "status,expected_cpu_usage,expected_memory_usage,typical_low_cpu_usage,typical_low_memory_usage,"
                + "typical_high_cpu_usage,typical_high_memory_usage\n");
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < events; i++) {
            for (int h = 0; h < hosts.size(); h++) {
                double expected = 40 + 20 * Math.sin(i / 30.0);
                boolean spike = h == 0 && i % spikeEvery == spikeEvery - 1
                        || h == 1 && hosts.size() > 2 && i % (2 * spikeEvery) == spikeEvery - 1;
                double cpu = expected + random.nextGaussian() * 2 + (spike ? 45 : 0);
                double memory = 50 + random.nextGaussian();
                csv.append(String.format(Locale.ROOT, "2026-01-01T00:%02d:%02dZ,%s,%.2f,%.2f,%s,%s,%s,%s,%.2f,50,%s,%s,"
                        + "%s,%s%n", i / 60 % 60, i % 60, hosts.get(h), cpu, memory, spike ? "cpu_spike" : "",
                        spike ? "e" + i : "", spike, i < 3 ? "warming_up" : "scored", expected,
                        i < 20 ? "" : String.format(Locale.ROOT, "%.2f", expected - 6), i < 20 ? "" : "48",
                        i < 20 ? "" : String.format(Locale.ROOT, "%.2f", expected + 6), i < 20 ? "" : "52"));
            }
        }
        return Files.writeString(dir.resolve("scored.csv"), csv);
    }
}
