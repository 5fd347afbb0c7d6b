package dev.anomaly.bench;

import dev.anomaly.common.sink.OutgoingRecord;
import dev.anomaly.trainer.source.CollectedData;
import dev.anomaly.trainer.source.TrainingEvent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The events of the Kafka + Isolation Forest tutorial (rodrigo-arenas/kafkaml-anomaly-detection), in its
 * size and shape: a counter, two features and a timestamp, 80–90 bytes of JSON (the counter's digits) and no key. Normal points
 * are two clusters, 0.3 · N(0, 1) around (2, 2) and (−2, −2); one in five is an outlier drawn uniformly from
 * [−4, 4]², as the tutorial's producer draws them. The tutorial nests its two features in a {@code data}
 * list; here they are the fields {@code data_0} and {@code data_1}, which detect reads by name.
 */
final class PeerEvents implements Supplier<OutgoingRecord> {
    static final List<String> FEATURES = List.of("data_0", "data_1");
    private static final double OUTLIER_SHARE = 0.2;
    private static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 0, 0);
    /** Python's {@code datetime.isoformat()} with microseconds, as the tutorial's {@code current_time}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS",
            Locale.ROOT);

    private final Random random;
    private long id;

    PeerEvents(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public OutgoingRecord get() {
        double x;
        double y;
        if (random.nextDouble() < OUTLIER_SHARE) {
            x = uniform();
            y = uniform();
        } else {
            double centre = random.nextBoolean() ? 2 : -2;
            x = centre + 0.3 * random.nextGaussian();
            y = centre + 0.3 * random.nextGaussian();
        }
        long n = id++;
        String json = String.format(Locale.ROOT, "{\"id\":%d,\"data_0\":%.3f,\"data_1\":%.3f,\"current_time\":\"%s\"}", n, x, y,
                TIME.format(START.plusNanos(n * 10_000_000L)));
        return new OutgoingRecord(null, json.getBytes(StandardCharsets.UTF_8), null);
    }

    /** The tutorial's training set: {@code count} normal points, half around each cluster. */
    static CollectedData training(int count, long seed) {
        Random random = new Random(seed);
        List<TrainingEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double centre = i < count / 2 ? 2 : -2;
            double[] values = {centre + 0.3 * random.nextGaussian(), centre + 0.3 * random.nextGaussian()};
            events.add(new TrainingEvent("default", i * 10L, values, false));
        }
        return new CollectedData(events, count, 0, 0, "the tutorial's training set");
    }

    private double uniform() {
        return -4 + 8 * random.nextDouble();
    }
}
