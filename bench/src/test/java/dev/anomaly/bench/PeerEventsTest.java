package dev.anomaly.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.common.event.HostField;
import dev.anomaly.common.event.MetricRecordParser;
import dev.anomaly.common.event.ParsedRecord;
import dev.anomaly.common.sink.OutgoingRecord;
import org.junit.jupiter.api.Test;

class PeerEventsTest {
    @Test
    void recordsHaveTheTutorialsSizeNoKeyNoHostAndTwoFeatures() {
        PeerEvents events = new PeerEvents(1);
        MetricRecordParser parser = new MetricRecordParser(PeerEvents.FEATURES, MetricRecordParser.DEFAULT_MAX_BYTES,
                HostField.DEFAULT);
        ParsedRecord parsed = new ParsedRecord(2);
        long bytes = 0;
        int outliers = 0;
        int count = 10_000;
        for (int i = 0; i < count; i++) {
            OutgoingRecord record = events.get();
            assertThat(record.key()).isNull();
            bytes += record.json().length;

            parser.parse(record.json(), parsed);

            assertThat(parsed.isValid()).as(new String(record.json())).isTrue();
            assertThat(parsed.host()).as("no host field: detect takes the key, then one series").isNull();
            double x = parsed.values()[0];
            double y = parsed.values()[1];
            // Normal points lie within 0.3 · 5 of (2, 2) or (−2, −2); outliers anywhere in [−4, 4]².
            if (Math.hypot(Math.abs(x) - 2, Math.abs(y) - 2) > 1.5 || Math.signum(x) != Math.signum(y)) {
                outliers++;
            }
        }

        assertThat((double) bytes / count).as("mean bytes").isBetween(80.0, 90.0);
        assertThat((double) outliers / count).as("outlier share").isBetween(0.13, 0.2);
    }

    @Test
    void theTrainingSetIsTwoNormalClusters() {
        var data = PeerEvents.training(1000, 3);

        assertThat(data.events()).hasSize(1000);
        assertThat(data.normalCount()).isEqualTo(1000);
        assertThat(data.events().get(0).values()[0]).isBetween(0.5, 3.5);
        assertThat(data.events().get(999).values()[1]).isBetween(-3.5, -0.5);
    }
}
