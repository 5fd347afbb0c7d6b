package dev.anomaly.ingest.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Where a host stands in its start: its first interval held back ({@code event} not empty) until the next one
 * shows whether it was complete, or started ({@code event} empty) since the interval at {@code lastStart}.
 *
 * @param lastStart the start of the host's latest interval, in epoch milliseconds
 * @param standardFields the standard fields of the held interval
 * @param event the held interval's event, or empty once the host has started
 */
record HostStart(long lastStart, List<String> standardFields, byte[] event) {
    private static final byte VERSION = 1;

    HostStart {
        standardFields = List.copyOf(standardFields);
    }

    static HostStart held(long start, Set<String> standardFields, byte[] event) {
        return new HostStart(start, new ArrayList<>(standardFields), event);
    }

    static HostStart started(long start) {
        return new HostStart(start, List.of(), new byte[0]);
    }

    boolean isStarted() {
        return event.length == 0;
    }

    static Serde<HostStart> serde() {
        return Serdes.serdeFrom((Serializer<HostStart>) (topic, start) -> start == null ? null : start.write(),
                (Deserializer<HostStart>) (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    private byte[] write() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + event.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(lastStart);
            out.writeInt(standardFields.size());
            for (String field : standardFields) {
                out.writeUTF(field);
            }
            out.writeInt(event.length);
            out.write(event);
        } catch (IOException e) {
            throw new SerializationException("cannot write a host's start", e);
        }
        return bytes.toByteArray();
    }

    private static HostStart read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("a host's start of format " + version + ", this ingest reads "
                        + VERSION);
            }
            long lastStart = in.readLong();
            int count = in.readInt();
            List<String> fields = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                fields.add(in.readUTF());
            }
            byte[] event = new byte[in.readInt()];
            in.readFully(event);
            return new HostStart(lastStart, fields, event);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("unreadable host start in the state store", e);
        }
    }
}
