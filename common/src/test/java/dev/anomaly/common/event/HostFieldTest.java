package dev.anomaly.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostFieldTest {
    @Test
    void theKeyComesFirstThenTheFieldThenTheDefaultSeries() {
        assertThat(HostField.resolve("web-1", "db-1")).isEqualTo("web-1");
        assertThat(HostField.resolve(null, "db-1")).isEqualTo("db-1");
        assertThat(HostField.resolve("", "db-1")).isEqualTo("db-1");
        assertThat(HostField.resolve(" ", " ")).isEqualTo(HostField.DEFAULT_SERIES);
        assertThat(HostField.resolve(null, null)).isEqualTo(HostField.DEFAULT_SERIES);
    }

    @Test
    void aDottedPathIsSplitIntoSegments() {
        assertThat(HostField.of("tags.host").segments()).containsExactly("tags", "host");
        assertThat(HostField.of("tags.host").isNested()).isTrue();
        assertThat(HostField.of("host")).isSameAs(HostField.DEFAULT);
        assertThat(HostField.of("hostname").segments()).isEqualTo(List.of("hostname"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "tags..host", ".host", "host.", "timestamp", "label", "episode.x"})
    void emptySegmentsAndTheSchemasOwnFieldsAreRefused(String path) {
        assertThatIllegalArgumentException().isThrownBy(() -> HostField.of(path));
    }
}
