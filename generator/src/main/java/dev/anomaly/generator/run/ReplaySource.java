package dev.anomaly.generator.run;

import dev.anomaly.generator.replay.CsvReplaySource;
import java.util.Optional;

/** Rows of a recorded CSV, until the end of the file. */
public final class ReplaySource implements RecordSource {
    private final CsvReplaySource csv;

    public ReplaySource(CsvReplaySource csv) {
        this.csv = csv;
    }

    @Override
    public Optional<Item> next() {
        return csv.next().map(row -> new Item(row.record(), row.timestamp()));
    }

    @Override
    public boolean timed() {
        return csv.hasTimestamps();
    }

    @Override
    public void close() {
        csv.close();
    }
}
