package dev.anomaly.detector.stream;

import dev.anomaly.model.StreamLearner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The keys and values of the state topic. A host's window is keyed by the host (after a kind byte); each
 * batch also writes a checkpoint per input partition, the input offset its state is as of, so a restore
 * can tell whether it has read everything the last committed batch wrote (transaction markers reach the
 * state partition a moment after the input offsets are committed). A model that keeps learning adds, per
 * partition, its learner's progress (every batch) and the numbered parts of its state that changed (an
 * autoencoder's weights, a forest's snapshot and journal).
 */
final class StateRecords {
    private static final byte HOST = 1;
    private static final byte CHECKPOINT = 2;
    private static final byte[] CHECKPOINT_KEY = {CHECKPOINT};
    // 3 held an autoencoder's weights before learners saved numbered parts: never read.
    private static final byte LEARNER_PROGRESS = 4;
    private static final byte LEARNER_PART = 5;
    private static final byte[] LEARNER_PROGRESS_KEY = {LEARNER_PROGRESS};

    private StateRecords() {
    }

    static byte[] hostKey(String host) {
        byte[] name = host.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[name.length + 1];
        key[0] = HOST;
        System.arraycopy(name, 0, key, 1, name.length);
        return key;
    }

    /** The host a key names, or null when the key is not a host's. */
    static String host(byte[] key) {
        if (key == null || key.length < 1 || key[0] != HOST) {
            return null;
        }
        return new String(key, 1, key.length - 1, StandardCharsets.UTF_8);
    }

    static byte[] checkpointKey() {
        return CHECKPOINT_KEY.clone();
    }

    static boolean isCheckpoint(byte[] key) {
        return Arrays.equals(key, CHECKPOINT_KEY);
    }

    static boolean isLearnerProgress(byte[] key) {
        return Arrays.equals(key, LEARNER_PROGRESS_KEY);
    }

    static byte[] learnerPartKey(int slot) {
        return ByteBuffer.allocate(1 + Integer.BYTES).put(LEARNER_PART).putInt(slot).array();
    }

    /** The slot a learner part's key names, or -1 when the key is not a learner part's. */
    static int learnerPart(byte[] key) {
        return key != null && key.length == 1 + Integer.BYTES && key[0] == LEARNER_PART
                ? Math.max(-1, ByteBuffer.wrap(key, 1, Integer.BYTES).getInt()) : -1;
    }

    /**
     * A learner's saved state as of input offset {@code nextInputOffset}: the parts that changed, then its
     * progress (null: the partition has no learner, it starts from the trained model). The progress carries
     * the offset, so a restore can tell it from progress an earlier run left behind (a run without learning
     * moves the checkpoint on without it). When a part or the progress is too large for the changelog, the
     * progress is forgotten instead, and {@code tooLarge} runs: a restart then starts from the trained model
     * rather than from progress whose parts are missing.
     */
    static List<ProducerRecord<byte[], byte[]>> learner(String stateTopic, int partition, long nextInputOffset,
                                                        byte[] progress, List<StreamLearner.Part> parts,
                                                        OutputLimits limits, Runnable tooLarge) {
        byte[] tagged = progress == null ? null
                : ByteBuffer.allocate(Long.BYTES + progress.length).putLong(nextInputOffset).put(progress).array();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(parts.size() + 1);
        boolean fits = tagged == null || limits.fits(stateTopic, LEARNER_PROGRESS_KEY, tagged);
        for (StreamLearner.Part part : parts) {
            byte[] key = learnerPartKey(part.slot());
            fits &= part.value() == null || limits.fits(stateTopic, key, part.value());
            records.add(new ProducerRecord<>(stateTopic, partition, key, part.value()));
        }
        if (!fits) {
            records.clear();
            tooLarge.run();
        }
        records.add(new ProducerRecord<>(stateTopic, partition, LEARNER_PROGRESS_KEY.clone(), fits ? tagged : null));
        return records;
    }

    /** The input offset a learner's progress value was saved as of, or -1 when unreadable. */
    static long learnerProgressOffset(byte[] value) {
        return value == null || value.length < Long.BYTES ? -1 : ByteBuffer.wrap(value).getLong();
    }

    /** The learner's own progress in a progress value. */
    static byte[] learnerProgress(byte[] value) {
        return Arrays.copyOfRange(value, Long.BYTES, value.length);
    }

    /** The checkpoint's value: the next input offset of the partition. */
    static byte[] checkpoint(long nextInputOffset) {
        return ByteBuffer.allocate(Long.BYTES).putLong(nextInputOffset).array();
    }

    /** The input offset a checkpoint value names, or -1 when unreadable. */
    static long checkpointOffset(byte[] value) {
        return value == null || value.length != Long.BYTES ? -1 : ByteBuffer.wrap(value).getLong();
    }

    /** Per input partition of {@code records}, the next input offset: what the batch's state is as of. */
    static Map<Integer, Long> nextOffsets(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<Integer, Long> next = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            next.merge(record.partition(), record.offset() + 1, Math::max);
        }
        return next;
    }

    /** Per input partition: the state written so far is as of this input offset. */
    static List<ProducerRecord<byte[], byte[]>> checkpoints(String stateTopic, Map<Integer, Long> nextOffsets) {
        List<ProducerRecord<byte[], byte[]>> checkpoints = new ArrayList<>(nextOffsets.size());
        nextOffsets.forEach((partition, offset) -> checkpoints.add(new ProducerRecord<>(stateTopic, partition,
                checkpointKey(), checkpoint(offset))));
        return checkpoints;
    }

    /**
     * A host's new state ({@code null}: forgotten). A state too large for the changelog (a host name of
     * megabytes) is kept in memory only: the changelog forgets the host, so after a restart it starts a new
     * window rather than an outdated one.
     */
    static ProducerRecord<byte[], byte[]> hostState(String stateTopic, int partition, String host, byte[] state,
                                                    OutputLimits limits) {
        byte[] key = hostKey(host);
        boolean fits = state == null || limits.fits(stateTopic, key, state);
        return new ProducerRecord<>(stateTopic, partition, key, fits ? state : null);
    }
}
