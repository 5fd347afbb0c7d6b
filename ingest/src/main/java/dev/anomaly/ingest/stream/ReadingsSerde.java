package dev.anomaly.ingest.stream;

import dev.anomaly.ingest.format.HostReadings;
import dev.anomaly.ingest.format.Reading;
import dev.anomaly.ingest.format.SeriesId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One host's readings on the repartition topic that brings each host to one task. Compact and versioned: the
 * first byte is the format, so a later ingest can still read what an earlier one left in the topic.
 */
final class ReadingsSerde {
    private static final byte VERSION = 1;
    private static final Reading.Kind[] KINDS = Reading.Kind.values();

    private ReadingsSerde() {
    }

    static Serde<HostReadings> serde() {
        return Serdes.serdeFrom((Serializer<HostReadings>) (topic, readings) -> write(readings),
                (Deserializer<HostReadings>) (topic, bytes) -> read(bytes));
    }

    /** The most bytes {@link #write} can take for these readings (three per char of a name). */
    static long maxSize(HostReadings readings) {
        long size = 16L + 3L * readings.host().length();
        for (Reading reading : readings.readings()) {
            size += 13 + 3L * (reading.series().feature().length() + reading.series().tags().length());
        }
        return size;
    }

    static byte[] write(HostReadings readings) {
        if (readings == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + readings.readings().size() * 40);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(readings.host());
            out.writeLong(readings.timestampMillis());
            out.writeInt(readings.readings().size());
            for (Reading reading : readings.readings()) {
                out.writeUTF(reading.series().feature());
                out.writeUTF(reading.series().tags());
                out.writeByte(reading.kind().ordinal());
                out.writeDouble(reading.value());
            }
        } catch (IOException e) {
            throw new SerializationException("cannot write the readings of " + readings.host(), e);
        }
        return bytes.toByteArray();
    }

    static HostReadings read(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("readings of format " + version + ", this ingest reads "
                        + VERSION);
            }
            String host = in.readUTF();
            long time = in.readLong();
            int count = in.readInt();
            List<Reading> readings = new ArrayList<>(Math.min(count, 10_000));
            for (int i = 0; i < count; i++) {
                SeriesId series = new SeriesId(in.readUTF(), in.readUTF());
                Reading.Kind kind = KINDS[in.readUnsignedByte()];
                readings.add(new Reading(series, in.readDouble(), kind));
            }
            return new HostReadings(host, time, readings);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("unreadable readings on the repartition topic", e);
        }
    }
}
