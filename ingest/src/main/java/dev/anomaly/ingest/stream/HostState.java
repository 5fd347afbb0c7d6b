package dev.anomaly.ingest.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Where one host stands: its own event time (the newest reading it sent), when it last sent anything (wall
 * clock), the starts of its intervals still open, and its start (the first interval held back until the next one
 * shows whether it was complete, then "started").
 */
final class HostState {
    private static final byte VERSION = 1;

    long watermark = Long.MIN_VALUE;
    long lastArrivalWallMillis;
    final TreeSet<Long> openStarts = new TreeSet<>();
    boolean started;
    long heldStart = Long.MIN_VALUE;
    List<String> heldFields = List.of();
    byte[] heldEvent = new byte[0];

    boolean holds() {
        return heldEvent.length > 0;
    }

    void hold(long start, List<String> fields, byte[] event) {
        heldStart = start;
        heldFields = List.copyOf(fields);
        heldEvent = event;
    }

    void release() {
        heldStart = Long.MIN_VALUE;
        heldFields = List.of();
        heldEvent = new byte[0];
    }

    static Serde<HostState> serde() {
        return Serdes.serdeFrom((Serializer<HostState>) (topic, state) -> state == null ? null : state.write(),
                (Deserializer<HostState>) (topic, data) -> data == null ? null : read(data));
    }

    private byte[] write() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + heldEvent.length);
        try (DataOutputStream data = new DataOutputStream(out)) {
            data.writeByte(VERSION);
            data.writeLong(watermark);
            data.writeLong(lastArrivalWallMillis);
            data.writeInt(openStarts.size());
            for (long start : openStarts) {
                data.writeLong(start);
            }
            data.writeBoolean(started);
            data.writeLong(heldStart);
            data.writeInt(heldFields.size());
            for (String field : heldFields) {
                data.writeUTF(field);
            }
            data.writeInt(heldEvent.length);
            data.write(heldEvent);
        } catch (IOException e) {
            throw new SerializationException("cannot write a host's state", e);
        }
        return out.toByteArray();
    }

    private static HostState read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("a host state of format " + version + ", this ingest reads "
                        + VERSION);
            }
            HostState state = new HostState();
            state.watermark = in.readLong();
            state.lastArrivalWallMillis = in.readLong();
            int open = in.readInt();
            for (int i = 0; i < open; i++) {
                state.openStarts.add(in.readLong());
            }
            state.started = in.readBoolean();
            state.heldStart = in.readLong();
            int fields = in.readInt();
            List<String> held = new ArrayList<>(fields);
            for (int i = 0; i < fields; i++) {
                held.add(in.readUTF());
            }
            state.heldFields = List.copyOf(held);
            state.heldEvent = new byte[in.readInt()];
            in.readFully(state.heldEvent);
            return state;
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("unreadable host state in the state store", e);
        }
    }
}
