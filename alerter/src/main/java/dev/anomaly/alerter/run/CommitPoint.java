package dev.anomaly.alerter.run;

import java.util.Objects;

/**
 * What to commit for one partition.
 *
 * @param offset the first offset not yet reported: everything before it is
 * @param metadata which offsets above it were already reported too (see {@link CommitMetadata})
 */
public record CommitPoint(long offset, String metadata) {
    public CommitPoint {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        Objects.requireNonNull(metadata, "metadata");
    }
}
