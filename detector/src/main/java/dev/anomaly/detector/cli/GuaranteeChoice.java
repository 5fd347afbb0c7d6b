package dev.anomaly.detector.cli;

import dev.anomaly.commandline.ChoiceConverter;
import dev.anomaly.detector.loop.Guarantee;
import java.util.Arrays;

/** {@code --guarantee}: exactly-once or at-least-once, any case. */
final class GuaranteeChoice extends ChoiceConverter<Guarantee> {
    GuaranteeChoice() {
        super(Guarantee::fromId, Arrays.stream(Guarantee.values()).map(Guarantee::id).toList());
    }
}
