package dev.anomaly.detector.cli;

import dev.anomaly.commandline.ChoiceConverter;
import java.util.List;
import java.util.Locale;

/** {@code --from}: where a group without committed offsets starts, earliest or latest, any case. */
final class StartChoice extends ChoiceConverter<StartChoice.Start> {
    /** The end of the input a new group starts reading at. */
    enum Start {
        EARLIEST,
        LATEST
    }

    StartChoice() {
        super(StartChoice::parse, List.of("earliest", "latest"));
    }

    private static Start parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "earliest" -> Start.EARLIEST;
            case "latest" -> Start.LATEST;
            default -> throw new IllegalArgumentException("--from must be earliest or latest, got '" + text + "'");
        };
    }
}
