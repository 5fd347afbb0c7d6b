package dev.anomaly.trainer.cli;

import dev.anomaly.commandline.ChoiceConverter;
import dev.anomaly.trainer.source.StartPosition;
import java.util.List;
import java.util.Locale;

/** {@code --from}: earliest or latest, any case. */
final class StartPositionChoice extends ChoiceConverter<StartPosition> {
    StartPositionChoice() {
        super(StartPositionChoice::parse, List.of("earliest", "latest"));
    }

    private static StartPosition parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "earliest" -> StartPosition.EARLIEST;
            case "latest" -> StartPosition.LATEST;
            default -> throw new IllegalArgumentException("--from must be earliest or latest, got '" + text + "'");
        };
    }
}
