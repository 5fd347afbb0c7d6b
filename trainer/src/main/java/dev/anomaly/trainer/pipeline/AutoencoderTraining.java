package dev.anomaly.trainer.pipeline;

import dev.anomaly.model.AutoencoderFactory;
import dev.anomaly.model.AutoencoderModel;
import dev.anomaly.model.AutoencoderTrainer;
import dev.anomaly.model.BatchScorer;
import dev.anomaly.model.EpochListener;
import dev.anomaly.model.InputLayout;
import dev.anomaly.model.TrainedModel;
import dev.anomaly.model.TrainingHistory;
import dev.anomaly.model.TrainingOptions;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The autoencoder learns the normal windows only (labelled events break a window); early stopping watches the
 * held-out ones, and the threshold comes from its reconstruction errors on the windows it was fitted on.
 */
final class AutoencoderTraining implements FamilyTrainer {
    @Override
    public FamilyFit fit(TrainingInputs inputs, TrainingSettings settings, EpochListener listener) {
        InputLayout layout = inputs.layout();
        TrainingOptions options = settings.training().withInputNoise(settings.effectiveInputNoise(layout.inputs()));
        List<Integer> layers = settings.effectiveLayers(layout.inputs());
        MultiLayerNetwork network = AutoencoderFactory.create(layout.inputs(), layers, options.seed(),
                options.learningRate(), options.l2());
        TrainingHistory history = AutoencoderTrainer.fit(network, inputs.train(), inputs.validation(), options,
                layout.metricInputs(), listener);
        TrainedModel model = new AutoencoderModel(network);
        BatchScorer scorer = model.newScorer(layout, Double.NaN);
        int features = inputs.spec().featureCount();
        double[] validationErrors = inputs.validation().rows() > 0
                ? scorer.errors(inputs.validation(), features) : new double[0];
        // Recorded so that an autoencoder learning in detect gives its events the same noise.
        Map<String, Object> parameters = options.inputNoise() > 0
                ? Map.of(AutoencoderModel.INPUT_NOISE, options.inputNoise()) : Map.of();
        return new FamilyFit(model, layers, parameters, history, scorer.errors(inputs.train(), features),
                validationErrors, FitFigures.network(options, history, inputs.train().rows()));
    }
}
