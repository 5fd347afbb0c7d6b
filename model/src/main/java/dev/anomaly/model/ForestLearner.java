package dev.anomaly.model;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.state.RandomCutForestState;
import dev.anomaly.model.rcf.ForestStates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A random cut forest learning the events of one stream (one input partition): each event is scored, then
 * added to the forest, flagged or not, so a lasting change becomes the new normal without a retrain.
 *
 * <p>Its state is too large to save with every batch (about 0.4 MB deflated with the default forest and 9
 * inputs), so it is saved as a snapshot and a journal. Every {@link #DEFAULT_SNAPSHOT_EVERY} events scored, at
 * fixed positions of the stream, the forest is snapshot (deflated JSON, in parts that fit a Kafka record);
 * every batch adds the events learnt since to the journal. A restore rebuilds the snapshot and learns the
 * journal again: the library's forest is deterministic (its random state is in the snapshot), so it then
 * scores exactly as the forest that was saved. Not thread-safe: one learner per partition.
 */
public final class ForestLearner implements StreamLearner {
    /**
     * Events between snapshots: a snapshot costs about 20 ms with 9 inputs (some 5 µs an event, against about
     * 70 µs to score and learn one), and a restore learns up to this many events again (about 0.2 s).
     */
    public static final int DEFAULT_SNAPSHOT_EVERY = 4096;
    /** Snapshot bytes per part, well inside Kafka's default 1 MB record. */
    static final int SNAPSHOT_PART_BYTES = 256 * 1024;
    /** Journal bytes per part. */
    static final int JOURNAL_PART_BYTES = 64 * 1024;
    /** Journal part {@code j} is saved as part {@code JOURNAL_SLOTS + j}; snapshot parts come before. */
    static final int JOURNAL_SLOTS = 1 << 20;
    private static final int PROGRESS_FORMAT = 0x52434631;
    private static final int PART_FORMAT = 0x52434650;
    private static final int PROGRESS_BYTES = 4 * 3 + 8 + 4 * 2 + 8 + 4 * 3 + 8;
    private static final int PART_HEADER = 4 * 2 + 8 + 4;
    private static final long HASH_START = 0xcbf29ce484222325L;
    private static final long HASH_PRIME = 0x100000001b3L;
    private static final Logger log = LoggerFactory.getLogger(ForestLearner.class);

    private final RandomCutForestState trained;
    private final InputLayout layout;
    private final double threshold;
    private final int fingerprint;
    private final int columns;
    private final int snapshotEvery;
    private final int snapshotPartBytes;
    private RandomCutForest forest;
    /** Snapshots taken since the trained forest (0: the journal starts from the trained forest). */
    private long epoch;
    /** Events scored since the last snapshot (or the attempt at one). */
    private int position;
    /** The events learnt since the snapshot, row-major, and a running hash of them. */
    private float[] journal;
    private int journalRows;
    private long journalHash = HASH_START;
    /** The current snapshot (kept to be saved again if a save was not written); its size and checksum. */
    private byte[] snapshot;
    private int snapshotParts;
    private int snapshotLength;
    private long snapshotCrc;
    /** What the changelog holds: the snapshot of this epoch, in this many parts, and journal parts of it. */
    private long savedEpoch;
    private int savedSnapshotParts;
    private int journalParts;
    private int savedJournalRows;
    private double[] errors = new double[0];
    private float[] attribution = new float[0];
    private final float[] point;

    /**
     * @param trained the trained forest's state, copied: it is never changed
     * @param fingerprint identifies the model in saved state (e.g. its version's hash)
     * @param snapshotEvery events between snapshots
     * @param stream the stream's number (its partition): streams that start together (a model switch) take
     *     their first snapshots at different events, so one batch's transaction holds few snapshots
     */
    public ForestLearner(RandomCutForestState trained, int fingerprint, InputLayout layout, double threshold,
                         int snapshotEvery, int stream) {
        this(trained, fingerprint, layout, threshold, snapshotEvery, stream, SNAPSHOT_PART_BYTES);
    }

    ForestLearner(RandomCutForestState trained, int fingerprint, InputLayout layout, double threshold,
                  int snapshotEvery, int stream, int snapshotPartBytes) {
        if (snapshotEvery < 1 || snapshotPartBytes < 1) {
            throw new IllegalArgumentException("snapshotEvery must be at least 1, got " + snapshotEvery);
        }
        if (trained.getDimensions() != layout.inputs()) {
            throw new IllegalArgumentException("the forest takes " + trained.getDimensions()
                    + " inputs, the layout gives " + layout.inputs());
        }
        this.trained = trained;
        this.layout = layout;
        this.threshold = threshold;
        this.fingerprint = fingerprint;
        this.columns = layout.inputs();
        this.snapshotEvery = snapshotEvery;
        this.snapshotPartBytes = snapshotPartBytes;
        // A prime stride spreads consecutive partitions over the interval.
        this.position = (int) Math.floorMod(stream * 997L, (long) snapshotEvery);
        this.forest = ForestStates.toForest(trained);
        this.journal = new float[Math.min(snapshotEvery, 1024) * columns];
        this.point = new float[columns];
    }

    /** The forest changes with every event, inside {@link #score}: a call may hold any number of events. */
    @Override
    public int untilStep() {
        return Integer.MAX_VALUE;
    }

    /**
     * Scores each row, then learns it; attributes only the rows above the threshold (the costly part). A row
     * the forest fails on gets a NaN error (the detector rejects it) and is not learnt.
     */
    @Override
    public void score(InputMatrix inputs, BatchScores scores) {
        int rows = inputs.rows();
        if (inputs.columns() != columns) {
            throw new IllegalArgumentException("rows of " + inputs.columns() + " inputs, the forest takes " + columns);
        }
        if (errors.length < rows) {
            errors = new double[rows];
            attribution = new float[rows * columns];
        }
        for (int row = 0; row < rows; row++) {
            System.arraycopy(inputs.values(), row * columns, point, 0, columns);
            int from = row * columns;
            if (!AutoencoderLearner.allFinite(point)) {
                // The forest would learn it and fail on every later event: the row is rejected, not learnt.
                errors[row] = Double.NaN;
                Arrays.fill(attribution, from, from + columns, 0f);
            } else {
                try {
                    double score = RandomCutForestModel.scoreAndAttribute(forest, point, threshold, attribution,
                            from);
                    forest.update(point);
                    append(point);
                    errors[row] = score;
                } catch (RuntimeException e) {
                    errors[row] = Double.NaN;
                    Arrays.fill(attribution, from, from + columns, 0f);
                }
            }
            if (++position == snapshotEvery) {
                snapshot();
            }
        }
        FeatureShares.fold(layout, attribution, columns, rows, errors, threshold, scores);
    }

    /** Nothing to do: the forest learnt each event as it scored it, flagged or not. */
    @Override
    public void observe(float[] values, int offset, boolean flagged) {
    }

    private void append(float[] row) {
        if ((journalRows + 1) * columns > journal.length) {
            journal = Arrays.copyOf(journal, journal.length * 2);
        }
        System.arraycopy(row, 0, journal, journalRows * columns, columns);
        journalRows++;
        journalHash = hash(journalHash, row, 0, columns);
    }

    private static long hash(long hash, float[] values, int from, int count) {
        long h = hash;
        for (int i = from; i < from + count; i++) {
            h = (h ^ Float.floatToRawIntBits(values[i])) * HASH_PRIME;
        }
        return h;
    }

    /** The forest as it is now becomes the start of a new, empty journal. */
    private void snapshot() {
        position = 0;
        byte[] bytes;
        try {
            bytes = deflate(ForestStates.toJson(ForestStates.toState(forest)));
        } catch (IOException | RuntimeException e) {
            // The journal goes on from the last snapshot: a restore still reaches this forest, only slower.
            log.warn("Cannot snapshot the online forest (next attempt in {} events): {}", snapshotEvery,
                    e.toString());
            return;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        epoch++;
        snapshot = bytes;
        snapshotLength = bytes.length;
        snapshotCrc = crc.getValue();
        snapshotParts = (bytes.length + snapshotPartBytes - 1) / snapshotPartBytes;
        journalRows = 0;
        journalHash = HASH_START;
    }

    /**
     * A new snapshot (with the parts of the one before that it no longer needs removed), then the events
     * learnt since the last save, as journal parts.
     */
    @Override
    public byte[] save(PartSink parts) {
        int staleJournalParts = 0;
        if (epoch != savedEpoch) {
            for (int i = 0; i < snapshotParts; i++) {
                int from = i * snapshotPartBytes;
                int length = Math.min(snapshotPartBytes, snapshot.length - from);
                parts.part(i, partHeader(length, i).put(snapshot, from, length).array());
            }
            for (int i = snapshotParts; i < savedSnapshotParts; i++) {
                parts.part(i, null);
            }
            staleJournalParts = journalParts;
            journalParts = 0;
            savedJournalRows = 0;
            savedEpoch = epoch;
            savedSnapshotParts = snapshotParts;
        }
        int rowsPerPart = Math.max(1, JOURNAL_PART_BYTES / (4 * columns));
        while (savedJournalRows < journalRows) {
            int rows = Math.min(rowsPerPart, journalRows - savedJournalRows);
            ByteBuffer part = partHeader(4 + 4 * rows * columns, journalParts).putInt(rows);
            part.asFloatBuffer().put(journal, savedJournalRows * columns, rows * columns);
            parts.part(JOURNAL_SLOTS + journalParts, part.array());
            journalParts++;
            savedJournalRows += rows;
        }
        for (int j = journalParts; j < staleJournalParts; j++) {
            parts.part(JOURNAL_SLOTS + j, null);
        }
        return ByteBuffer.allocate(PROGRESS_BYTES).putInt(PROGRESS_FORMAT).putInt(fingerprint).putInt(columns)
                .putLong(epoch).putInt(snapshotParts).putInt(snapshotLength).putLong(snapshotCrc)
                .putInt(journalParts).putInt(journalRows).putInt(position).putLong(journalHash).array();
    }

    /** The next save writes the snapshot and the whole journal again. */
    @Override
    public void unsaved() {
        savedEpoch = -1;
    }

    private ByteBuffer partHeader(int bodyBytes, int index) {
        return ByteBuffer.allocate(PART_HEADER + bodyBytes).putInt(PART_FORMAT).putInt(fingerprint).putLong(epoch)
                .putInt(index);
    }

    @Override
    public boolean restore(byte[] progress, IntFunction<byte[]> parts) {
        if (progress == null || progress.length != PROGRESS_BYTES) {
            return false;
        }
        ByteBuffer saved = ByteBuffer.wrap(progress);
        if (saved.getInt() != PROGRESS_FORMAT || saved.getInt() != fingerprint || saved.getInt() != columns) {
            return false;
        }
        long savedEpochNumber = saved.getLong();
        int parts0 = saved.getInt();
        int length = saved.getInt();
        long crc = saved.getLong();
        int journalParts0 = saved.getInt();
        int rows = saved.getInt();
        int position0 = saved.getInt();
        long hash = saved.getLong();
        if (savedEpochNumber < 0 || parts0 < 0 || (parts0 == 0) != (savedEpochNumber == 0) || length < 0
                || journalParts0 < 0 || rows < 0 || position0 < 0 || position0 >= snapshotEvery
                || (long) rows * columns > Integer.MAX_VALUE / 8) {
            return false;
        }
        try {
            byte[] deflated = savedEpochNumber == 0 ? null
                    : readSnapshot(parts, savedEpochNumber, parts0, length, crc);
            if (savedEpochNumber != 0 && deflated == null) {
                return false;
            }
            RandomCutForest restored = deflated == null ? ForestStates.toForest(trained) : inflate(deflated);
            if (restored.getDimensions() != columns) {
                return false;
            }
            float[] rowsLearnt = new float[Math.max(rows, 1) * columns];
            int read = 0;
            for (int j = 0; j < journalParts0; j++) {
                ByteBuffer part = part(parts.apply(JOURNAL_SLOTS + j), savedEpochNumber, j);
                if (part == null || part.remaining() < 4) {
                    return false;
                }
                int count = part.getInt();
                if (count < 1 || count > rows - read || part.remaining() != 4 * count * columns) {
                    return false;
                }
                part.asFloatBuffer().get(rowsLearnt, read * columns, count * columns);
                read += count;
            }
            if (read != rows || hash(HASH_START, rowsLearnt, 0, rows * columns) != hash) {
                return false;
            }
            float[] row = new float[columns];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(rowsLearnt, r * columns, row, 0, columns);
                restored.update(row);
            }
            forest = restored;
            epoch = savedEpochNumber;
            position = position0;
            journal = rowsLearnt;
            journalRows = rows;
            journalHash = hash;
            snapshot = deflated;
            snapshotParts = parts0;
            snapshotLength = length;
            snapshotCrc = crc;
            savedEpoch = savedEpochNumber;
            savedSnapshotParts = parts0;
            journalParts = journalParts0;
            savedJournalRows = rows;
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The snapshot's deflated bytes from its parts, or null when a part is missing or they do not check. */
    private byte[] readSnapshot(IntFunction<byte[]> parts, long epochNumber, int count, int length, long crc)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(length);
        for (int i = 0; i < count; i++) {
            ByteBuffer part = part(parts.apply(i), epochNumber, i);
            if (part == null) {
                return null;
            }
            bytes.write(part.array(), part.position(), part.remaining());
        }
        byte[] deflated = bytes.toByteArray();
        CRC32 check = new CRC32();
        check.update(deflated);
        return deflated.length == length && check.getValue() == crc ? deflated : null;
    }

    private static RandomCutForest inflate(byte[] deflated) throws IOException {
        byte[] json;
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(deflated))) {
            json = in.readAllBytes();
        }
        return ForestStates.toForest(ForestStates.fromJson(json));
    }

    /** A part's body, positioned after its header, or null when it is missing or not this epoch's part. */
    private ByteBuffer part(byte[] value, long epochNumber, int index) {
        if (value == null || value.length < PART_HEADER) {
            return null;
        }
        ByteBuffer part = ByteBuffer.wrap(value);
        if (part.getInt() != PART_FORMAT || part.getInt() != fingerprint || part.getLong() != epochNumber
                || part.getInt() != index) {
            return null;
        }
        return part;
    }

    private static byte[] deflate(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream stream = new DeflaterOutputStream(out, deflater)) {
            stream.write(bytes);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    @Override
    public String describe() {
        return String.format(java.util.Locale.ROOT, "a forest from snapshot %,d and %,d events since", epoch,
                journalRows);
    }

    /** Snapshots taken so far (for tests and logs). */
    long snapshots() {
        return epoch;
    }
}
