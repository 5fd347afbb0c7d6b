package dev.anomaly.trainer.pipeline;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Model versions: the training time, readable and sortable, plus a random suffix so each is unique. */
final class VersionIds {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private VersionIds() {
    }

    static String next(Instant trainedAt) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return FORMAT.format(trainedAt) + "-" + HexFormat.of().formatHex(suffix);
    }
}
