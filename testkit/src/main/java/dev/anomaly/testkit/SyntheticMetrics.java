package dev.anomaly.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * Metrics shaped like the generator's (the trainer may not depend on the generator module): cpu on a
 * 300 s cycle, memory on a 600 s cycle, three noisy metrics, and every fifth 30 s labelled as a spike.
 */
public final class SyntheticMetrics {
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    public static final String HEADER =
            "timestamp,host,cpu_usage,memory_usage,response_time_ms,disk_io_mb,network_io_mb,label,episode";

    private SyntheticMetrics() {
    }

    /** One CSV row per event; {@code hosts} hosts take turns every 5 s of simulated time. */
    public static String csv(int events, int hosts, long seed) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        Random random = new Random(seed);
        for (int i = 0; i < events; i++) {
            csv.append(row(i, hosts, random)).append('\n');
        }
        return csv.toString();
    }

    public static Path write(Path file, int events, int hosts, long seed) throws IOException {
        return Files.writeString(file, csv(events, hosts, seed));
    }

    /** The JSON form of event {@code i}, as the generator would send it. */
    public static String json(int i, int hosts, Random random) {
        String[] cells = row(i, hosts, random).split(",", -1);
        return String.format(Locale.ROOT, "{\"timestamp\":\"%s\",\"host\":\"%s\",\"cpu_usage\":%s,\"memory_usage\":%s,"
                + "\"response_time_ms\":%s,\"disk_io_mb\":%s,\"network_io_mb\":%s,\"label\":%s,\"episode\":%s}",
                cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6],
                cells[7].isEmpty() ? "null" : "\"" + cells[7] + "\"", cells[8].isEmpty() ? "null" : "\"" + cells[8] + "\"");
    }

    /** The five metrics of a normal event at {@code epochSeconds}, in schema order, clipped as the generator's. */
    public static double[] normalValues(long epochSeconds, Random random) {
        return new double[] {
            clip(25 + 15 * Math.sin(2 * Math.PI * epochSeconds / 300) + 5 * random.nextGaussian(), 0, 100),
            clip(45 + 10 * Math.sin(2 * Math.PI * epochSeconds / 600) + 3 * random.nextGaussian(), 0, 100),
            Math.max(50, 135 + 20 * random.nextGaussian()),
            Math.max(0, 50 + 15 * random.nextGaussian()),
            Math.max(0, 100 + 25 * random.nextGaussian())};
    }

    private static double clip(double value, double min, double max) {
        return Math.min(max, Math.max(min, value));
    }

    /** Whether event step {@code step} of a host falls in a cpu spike (every fifth 30 s). */
    public static boolean isSpike(int step) {
        return step % 30 >= 24;
    }

    private static String row(int i, int hosts, Random random) {
        int step = i / hosts;
        long seconds = START.getEpochSecond() + 5L * step;
        boolean spike = isSpike(step);
        double[] values = normalValues(seconds, random);
        if (spike) {
            values[0] = Math.min(100, values[0] + 45);
        }
        return String.format(Locale.ROOT, "%s,web-%d,%.2f,%.2f,%.2f,%.2f,%.2f,%s,%s", Instant.ofEpochSecond(seconds),
                i % hosts + 1, values[0], values[1], values[2], values[3], values[4], spike ? "cpu_spike" : "",
                spike ? "e" + step / 30 : "");
    }
}
