package dev.anomaly.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalingOptionsTest {
    @Test
    void valuesAreSortedAndTheAlerterTakesItsAnomaliesFromTheEvents() {
        ScalingOptions options = new ScalingOptions(50_000, List.of(1000, 10, 1000), List.of(10, 1), List.of(2, 1),
                List.of(50_000, 10), Optional.empty());

        assertThat(options.hosts()).containsExactly(10, 1000);
        assertThat(options.windows()).containsExactly(1, 10);
        assertThat(options.alerterAnomalies()).isEqualTo(50_000);
    }

    @Test
    void moreHostsThanEventsOrAlerterHostsThanAnomaliesAreRefusedAtOnce() {
        assertThatThrownBy(() -> new ScalingOptions(5000, List.of(10, 1_000_000), List.of(1), List.of(1),
                List.of(10), Optional.empty())).hasMessageContaining("--scaling-hosts must not exceed");
        assertThatThrownBy(() -> new ScalingOptions(20_000, List.of(10), List.of(1), List.of(1),
                List.of(20_001), Optional.empty())).hasMessageContaining("20000 anomalies");
    }
}
