package dev.anomaly.trainer.cli;

import dev.anomaly.commandline.ChoiceConverter;
import dev.anomaly.model.ScalerKind;
import java.util.Arrays;

/** {@code --scaler}: standard or minmax. */
final class ScalerChoice extends ChoiceConverter<ScalerKind> {
    ScalerChoice() {
        super(ScalerKind::fromId, Arrays.stream(ScalerKind.values()).map(ScalerKind::id).toList());
    }
}
