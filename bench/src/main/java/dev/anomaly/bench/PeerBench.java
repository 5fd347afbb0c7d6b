package dev.anomaly.bench;

import dev.anomaly.common.kafka.KafkaClientSettings;
import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.common.sink.OutgoingRecord;
import dev.anomaly.model.EpochListener;
import dev.anomaly.model.FeatureSpec;
import dev.anomaly.model.ModelFamily;
import dev.anomaly.model.ModelStore;
import dev.anomaly.model.ScalerKind;
import dev.anomaly.trainer.pipeline.SeasonalityChoice;
import dev.anomaly.trainer.pipeline.TrainingOutcome;
import dev.anomaly.trainer.pipeline.TrainingPipeline;
import dev.anomaly.trainer.pipeline.TrainingSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;

/**
 * The Kafka + Isolation Forest tutorial's setting, for a side-by-side figure: its events
 * ({@link PeerEvents}), its topic of three partitions, one detect process per partition in one group, and
 * models trained on its 1,000-point training set: an isolation forest (anomaly train's defaults, 100 trees
 * of 256 events, where the tutorial's has 50 trees of 500) and the autoencoder. The tutorial's own detector
 * calls scikit-learn per message.
 */
final class PeerBench {
    /** The tutorial's topic has three partitions and runs one consumer process per partition. */
    static final int PARTITIONS = 3;
    static final int PROCESSES = 3;
    /** The tutorial trains on 1,000 normal points. */
    static final int TRAINING_POINTS = 1000;
    private static final String TOPIC = "bench-peer";

    private final BenchOptions options;
    private final GroupDetectRun run;
    private final ShutdownSignal stop;
    private final Consumer<String> say;
    private final Consumer<String> progress;

    PeerBench(BenchOptions options, ChildRegistry children, ShutdownSignal stop, Consumer<String> say,
              Consumer<String> progress) {
        this.options = options;
        this.run = new GroupDetectRun(children, options.detectOptions(), stop);
        this.stop = stop;
        this.say = say;
        this.progress = progress;
    }

    PeerResults run(String bootstrap, Admin admin, Path work, Function<String, Consumer<String>> echo)
            throws InterruptedException {
        Topics.create(admin, PARTITIONS, List.of(TOPIC));
        PeerEvents events = new PeerEvents(options.seed());
        long[] bytes = new long[1];
        say.accept(String.format(Locale.ROOT, "peer: preloading %,d of the tutorial's events into %s (%d partitions, "
                + "no key)", options.events(), TOPIC, PARTITIONS));
        Preloader.preloadRecords(KafkaClientSettings.of(bootstrap), TOPIC, () -> {
            OutgoingRecord record = events.get();
            bytes[0] += record.json().length;
            return record;
        }, options.events(), stop, sent -> progress.accept(String.format(Locale.ROOT, "peer: preloaded %,d events",
                sent)));
        double eventBytes = (double) bytes[0] / options.events();
        ThroughputResult forest = measure(bootstrap, admin, work, ModelFamily.ISOLATION_FOREST, echo);
        ThroughputResult autoencoder = measure(bootstrap, admin, work, ModelFamily.AUTOENCODER, echo);
        return new PeerResults(eventBytes, PARTITIONS, PROCESSES, forest, autoencoder);
    }

    private ThroughputResult measure(String bootstrap, Admin admin, Path work, ModelFamily family,
                                     Function<String, Consumer<String>> echo) throws InterruptedException {
        Path model = work.resolve("peer-" + family.id());
        TrainingSettings settings = new TrainingSettings(new FeatureSpec(PeerEvents.FEATURES, 1), ScalerKind.STANDARD,
                SeasonalityChoice.parse(SeasonalityChoice.NONE), List.of(),
                TrainingSettings.defaultOptions(BenchModel.EPOCHS, 42), TrainingSettings.DEFAULT_PERCENTILE,
                TrainingSettings.DEFAULT_VALIDATION_SHARE).forFamily(family);
        TrainingOutcome outcome = TrainingPipeline.run(PeerEvents.training(TRAINING_POINTS, options.seed() + 5),
                settings, EpochListener.none());
        new ModelStore(model).save(outcome.metadata(), outcome.model());
        ThroughputResult result = run.measure(bootstrap, admin, "peer-" + family.id(), TOPIC, PARTITIONS, model,
                PROCESSES, options.events(), echo);
        say.accept(String.format(Locale.ROOT, "peer: %s, %d processes: %,.0f events/s", family.id(), PROCESSES,
                result.eventsPerSecond()));
        return result;
    }
}
