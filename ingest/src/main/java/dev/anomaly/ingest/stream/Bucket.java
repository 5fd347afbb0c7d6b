package dev.anomaly.ingest.stream;

import dev.anomaly.ingest.format.HostReadings;
import dev.anomaly.ingest.format.Reading;
import dev.anomaly.ingest.format.SeriesId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One host's values over one aligned interval: per series, the sum and count that give its mean. A bucket stays
 * below {@link #MAX_BYTES} in its store and changelog: a series that would take it over is not added (and
 * counted), so no host, however many series it sends, can make a changelog record Kafka refuses.
 */
final class Bucket {
    /** Well below the producer's default 1 MB request limit, with room for the key and headers. */
    static final int MAX_BYTES = 400_000;
    private static final byte VERSION = 1;
    /** Per series: two UTF length prefixes and two doubles. */
    private static final int SERIES_OVERHEAD = 20;

    private final SortedMap<SeriesId, double[]> sums;
    private int bytes;

    Bucket() {
        this.sums = new TreeMap<>();
        this.bytes = 5;
    }

    /**
     * Adds values that are already gauges or rates; running totals never reach a bucket.
     *
     * @return how many readings were left out because the bucket is full
     */
    int add(HostReadings readings) {
        int refused = 0;
        for (Reading reading : readings.readings()) {
            double[] sum = sums.get(reading.series());
            if (sum == null) {
                int size = size(reading.series());
                if (bytes + size > MAX_BYTES) {
                    refused++;
                    continue;
                }
                bytes += size;
                sum = new double[2];
                sums.put(reading.series(), sum);
            }
            sum[0] += reading.value();
            sum[1]++;
        }
        return refused;
    }

    /** Each series' mean over the interval (finite: a sum that overflowed is left out). */
    SortedMap<SeriesId, Double> means() {
        SortedMap<SeriesId, Double> means = new TreeMap<>();
        sums.forEach((series, sum) -> {
            double mean = sum[0] / sum[1];
            if (Double.isFinite(mean)) {
                means.put(series, mean);
            }
        });
        return means;
    }

    private static int size(SeriesId series) {
        // UTF-8 takes at most three bytes per char of a Java string (modified UTF-8 as DataOutput writes it).
        return SERIES_OVERHEAD + 3 * (series.feature().length() + series.tags().length());
    }

    static Serde<Bucket> serde() {
        return Serdes.serdeFrom((Serializer<Bucket>) (topic, bucket) -> bucket == null ? null : bucket.write(),
                (Deserializer<Bucket>) (topic, data) -> data == null ? null : read(data));
    }

    private byte[] write() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(bytes, MAX_BYTES));
        try (DataOutputStream data = new DataOutputStream(out)) {
            data.writeByte(VERSION);
            data.writeInt(sums.size());
            for (Map.Entry<SeriesId, double[]> entry : sums.entrySet()) {
                data.writeUTF(entry.getKey().feature());
                data.writeUTF(entry.getKey().tags());
                data.writeDouble(entry.getValue()[0]);
                data.writeDouble(entry.getValue()[1]);
            }
        } catch (IOException e) {
            throw new SerializationException("cannot write a bucket", e);
        }
        return out.toByteArray();
    }

    private static Bucket read(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("a bucket of format " + version + ", this ingest reads " + VERSION);
            }
            Bucket bucket = new Bucket();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                SeriesId series = new SeriesId(in.readUTF(), in.readUTF());
                bucket.sums.put(series, new double[] {in.readDouble(), in.readDouble()});
                bucket.bytes += size(series);
            }
            return bucket;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("unreadable bucket in the state store", e);
        }
    }
}
