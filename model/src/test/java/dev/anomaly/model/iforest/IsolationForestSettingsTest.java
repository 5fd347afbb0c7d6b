package dev.anomaly.model.iforest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IsolationForestSettingsTest {
    @Test
    void defaultsToThePapersHundredTreesOf256Rows() {
        IsolationForestSettings settings = IsolationForestSettings.withSeed(7);

        assertThat(settings.trees()).isEqualTo(100);
        assertThat(settings.sampleSize()).isEqualTo(256);
        assertThat(settings.seed()).isEqualTo(7);
    }

    @Test
    void capsTheSampleSizeAtTheRowsAvailable() {
        IsolationForestSettings settings = IsolationForestSettings.withSeed(7);

        assertThat(settings.effectiveSampleSize(50)).isEqualTo(50);
        assertThat(settings.effectiveSampleSize(10_000)).isEqualTo(256);
    }

    @Test
    void needsAtLeastOneTree() {
        assertThatThrownBy(() -> new IsolationForestSettings(0, 256, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trees must be at least 1");
    }

    @Test
    void needsSamplesOfAtLeastTwoRows() {
        assertThatThrownBy(() -> new IsolationForestSettings(100, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample size must be at least 2");
    }
}
