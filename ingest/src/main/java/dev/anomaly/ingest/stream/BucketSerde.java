package dev.anomaly.ingest.stream;

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

/** A bucket in the window store and its changelog, versioned like {@link ReadingsSerde}. */
final class BucketSerde {
    private static final byte VERSION = 1;

    private BucketSerde() {
    }

    static Serde<Bucket> serde() {
        return Serdes.serdeFrom((Serializer<Bucket>) (topic, bucket) -> write(bucket),
                (Deserializer<Bucket>) (topic, bytes) -> read(bytes));
    }

    static byte[] write(Bucket bucket) {
        if (bucket == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + bucket.sums().size() * 48);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(bucket.sums().size());
            for (Map.Entry<SeriesId, double[]> entry : bucket.sums().entrySet()) {
                out.writeUTF(entry.getKey().feature());
                out.writeUTF(entry.getKey().tags());
                out.writeDouble(entry.getValue()[0]);
                out.writeDouble(entry.getValue()[1]);
            }
        } catch (IOException e) {
            throw new SerializationException("cannot write a bucket", e);
        }
        return bytes.toByteArray();
    }

    static Bucket read(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("a bucket of format " + version + ", this ingest reads " + VERSION);
            }
            int count = in.readInt();
            SortedMap<SeriesId, double[]> sums = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                SeriesId series = new SeriesId(in.readUTF(), in.readUTF());
                sums.put(series, new double[] {in.readDouble(), in.readDouble()});
            }
            return Bucket.of(sums);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("unreadable bucket in the window store", e);
        }
    }
}
