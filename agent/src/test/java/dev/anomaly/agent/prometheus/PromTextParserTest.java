package dev.anomaly.agent.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PromTextParserTest {
    @Test
    void readsSamplesLabelsAndValuesSkippingCommentsAndBlankLines() {
        List<PromSample> samples = PromTextParser.parse("""
                # HELP node_load1 1m load average.
                # TYPE node_load1 gauge
                node_load1 0.42

                node_cpu_seconds_total{cpu="0",mode="idle"} 37410.6 1767225605000
                http_requests_total{ code = "200" , path="/a,b{c}" ,} 1.5e+06
                odd{text="quote \\" backslash \\\\ newline \\n end"} NaN
                up +Inf
                """);

        assertThat(samples).containsExactly(
                new PromSample("node_load1", Map.of(), 0.42),
                new PromSample("node_cpu_seconds_total", Map.of("cpu", "0", "mode", "idle"), 37410.6),
                new PromSample("http_requests_total", Map.of("code", "200", "path", "/a,b{c}"), 1.5e6),
                new PromSample("odd", Map.of("text", "quote \" backslash \\ newline \n end"), Double.NaN),
                new PromSample("up", Map.of(), Double.POSITIVE_INFINITY));
    }

    @Test
    void readsARealNodeExporterExposition() throws IOException {
        List<PromSample> samples = PromTextParser.parse(fixture("node-exporter-1.5.0-first.txt"));

        assertThat(samples).hasSizeGreaterThan(500);
        assertThat(samples).anyMatch(sample -> sample.name().equals("node_uname_info")
                && sample.label("domainname").equals("(none)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metric{a=\"1\" 2", "metric{a=1} 2", "metric{a=\"1\"} twelve", "metric{a=\"1\",a=\"2\"} 1",
        "1metric 2", "metric 1 2 3", "metric{=\"x\"} 1", "metric{a=\"open} 1", "metric"})
    void aBrokenLineIsAnErrorNamingItsLine(String line) {
        assertThatIllegalArgumentException().isThrownBy(() -> PromTextParser.parse("ok 1\n" + line + "\n"))
                .withMessageStartingWith("line 2: expected");
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = PromTextParserTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
