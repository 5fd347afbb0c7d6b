package dev.anomaly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.testkit.AnomalyProcess;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's main command, as a user runs it. */
class DemoIT {
    private static final Pattern TYPE_ROW = Pattern.compile(
            "^(cpu_spike|memory_leak|slow_response)\\s+([\\d,]+)\\s+([\\d,]+)\\s+\\S+\\s+\\S+\\s+\\S+\\s+([\\d,]+)\\s+([\\d,]+)");

    @Test
    void runsThePipelineAndReportsEveryAnomalyTypeDetected() {
        AnomalyProcess demo = AnomalyProcess.run(Duration.ofSeconds(240), "demo", "--duration", "45s", "--port", "0");

        assertThat(demo.exitCode()).as(String.join("\n", demo.errLines())).isZero();
        List<String> out = demo.outLines();
        assertThat(out).anyMatch(line -> line.startsWith("[train] model "));
        assertThat(out).anyMatch(line -> line.startsWith("[detect] 🚨 ANOMALY DETECTED!"));
        assertThat(out).anyMatch(line -> line.startsWith("[alert] Sent: "));
        assertThat(out).anyMatch(line -> line.startsWith("=== anomaly demo"));
        assertThat(out).anyMatch(line -> line.contains("false alarms per 1,000 normal events"));
        long typesDetected = out.stream().map(TYPE_ROW::matcher).filter(Matcher::find)
                .filter(row -> Integer.parseInt(row.group(5).replace(",", "")) > 0).count();
        assertThat(typesDetected).as("types with at least one detected episode").isEqualTo(3);
    }
}
