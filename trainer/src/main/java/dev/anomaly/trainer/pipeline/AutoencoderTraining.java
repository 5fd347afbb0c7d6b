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
        TrainingOptions options = settings.training();
        List<Integer> layers = settings.effectiveLayers(layout.inputs());
        MultiLayerNetwork network = AutoencoderFactory.create(layout.inputs(), layers, options.seed(),
                options.learningRate(), options.l2());
        TrainingHistory history = AutoencoderTrainer.fit(network, inputs.train(), inputs.validation(), options,
                listener);
        TrainedModel model = new AutoencoderModel(network);
        BatchScorer scorer = model.newScorer(layout, Double.NaN);
        int features = inputs.spec().featureCount();
        double[] validationErrors = inputs.validation().rows() > 0
                ? scorer.errors(inputs.validation(), features) : new double[0];
        return new FamilyFit(model, layers, Map.of(), history, scorer.errors(inputs.train(), features),
                validationErrors, FitFigures.network(options, history, inputs.train().rows()));
    }
}
