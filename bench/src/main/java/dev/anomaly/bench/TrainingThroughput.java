package dev.anomaly.bench;

import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.model.AutoencoderFactory;
import dev.anomaly.model.EpochListener;
import dev.anomaly.model.InputNoise;
import dev.anomaly.model.TrainingOptions;
import dev.anomaly.model.TrainingSummary;
import dev.anomaly.trainer.pipeline.TrainingOutcome;
import dev.anomaly.trainer.pipeline.TrainingPipeline;
import dev.anomaly.trainer.pipeline.TrainingSettings;
import dev.anomaly.trainer.source.CollectedData;
import java.util.function.Consumer;

/**
 * Training throughput: {@code anomaly train --samples N --epochs E --patience 0} in this JVM, on generated
 * events held in memory, so the figure is the pipeline (seasonality detection, scaler, every epoch, the
 * threshold), without collecting from Kafka.
 */
final class TrainingThroughput {
    private TrainingThroughput() {
    }

    /**
     * @param seconds wall-clock time of the whole pipeline
     * @param samples normal events given to it
     * @param trainRows events the network was fitted on (the rest is held out)
     * @param epochsRun epochs run (all of them: no early stop)
     * @param batchSize events per gradient step (train's automatic choice)
     */
    record Result(double seconds, int samples, int trainRows, int epochsRun, int batchSize) {
        /** Training rows × epochs per second. */
        double rowEpochsPerSecond() {
            return (double) trainRows * epochsRun / seconds;
        }
    }

    static Result measure(BenchEvents events, int samples, int epochs, ShutdownSignal stop,
                          Consumer<String> progress) {
        CollectedData data = TrainingData.generate(events, samples);
        TrainingOptions options = new TrainingOptions(epochs, TrainingOptions.AUTO_BATCH, 0,
                AutoencoderFactory.DEFAULT_LEARNING_RATE, TrainingSettings.DEFAULT_L2, 42, InputNoise.DEFAULT_DEVIATION);
        EpochListener listener = (epoch, loss, validation) -> {
            if (stop.isRequested()) {
                throw new BenchException("stopped");
            }
            progress.accept(String.format("epoch %d/%d", epoch, epochs));
        };
        long started = System.nanoTime();
        TrainingOutcome outcome = TrainingPipeline.run(data, TrainingSettings.defaults(options), listener);
        double seconds = (System.nanoTime() - started) / 1e9;
        TrainingSummary summary = outcome.metadata().training();
        return new Result(seconds, samples, summary.trainSamples(), summary.epochsRun(), summary.batchSize());
    }
}
