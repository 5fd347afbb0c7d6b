package dev.anomaly.trainer.cli;

import dev.anomaly.commandline.ChoiceConverter;
import dev.anomaly.model.ModelFamily;
import java.util.Arrays;

/** {@code --model}: a family by its model.json id. */
final class ModelFamilyChoice extends ChoiceConverter<ModelFamily> {
    ModelFamilyChoice() {
        super(ModelFamily::fromId, Arrays.stream(ModelFamily.values()).map(ModelFamily::id).toList());
    }
}
