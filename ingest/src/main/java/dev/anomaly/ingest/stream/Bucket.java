package dev.anomaly.ingest.stream;

import dev.anomaly.ingest.format.HostReadings;
import dev.anomaly.ingest.format.Reading;
import dev.anomaly.ingest.format.SeriesId;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** One host's values over one aligned interval: per series, the sum and count that give its mean. */
final class Bucket {
    private final SortedMap<SeriesId, double[]> sums;

    Bucket() {
        this(new TreeMap<>());
    }

    private Bucket(SortedMap<SeriesId, double[]> sums) {
        this.sums = sums;
    }

    /** Adds values that are already gauges or rates; running totals never reach a bucket. */
    Bucket add(HostReadings readings) {
        for (Reading reading : readings.readings()) {
            double[] sum = sums.computeIfAbsent(reading.series(), s -> new double[2]);
            sum[0] += reading.value();
            sum[1]++;
        }
        return this;
    }

    /** Each series' mean over the interval. */
    SortedMap<SeriesId, Double> means() {
        SortedMap<SeriesId, Double> means = new TreeMap<>();
        sums.forEach((series, sum) -> means.put(series, sum[0] / sum[1]));
        return means;
    }

    boolean isEmpty() {
        return sums.isEmpty();
    }

    Map<SeriesId, double[]> sums() {
        return sums;
    }

    static Bucket of(SortedMap<SeriesId, double[]> sums) {
        return new Bucket(sums);
    }
}
