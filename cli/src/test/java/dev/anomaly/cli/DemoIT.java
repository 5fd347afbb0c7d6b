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

    private static final Pattern JOINED = Pattern.compile("^\\[agent\\] this machine joins as host (\\S+),");
    private static final Pattern MACHINE = Pattern.compile("^this machine (\\S+): ([\\d,]+) real events");

    /**
     * With --agent, so that one run (a minute of the suite) covers both: this machine joins as one more host,
     * scored, and reported apart from the simulated hosts whose figures are checked.
     */
    @Test
    void runsThePipelineAndReportsEveryAnomalyTypeDetectedAndThisMachineApart() {
        AnomalyProcess demo = AnomalyProcess.run(Duration.ofSeconds(240), "demo", "--agent", "--duration", "45s",
                "--port", "0");

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
        Matcher joined = out.stream().map(JOINED::matcher).filter(Matcher::find).findFirst().orElseThrow(
                () -> new AssertionError("no [agent] line in\n" + String.join("\n", out)));
        Matcher machine = out.stream().map(MACHINE::matcher).filter(Matcher::find).findFirst().orElseThrow(
                () -> new AssertionError("no report line for this machine in\n" + String.join("\n", out)));
        assertThat(machine.group(1)).isEqualTo(joined.group(1));
        assertThat(Long.parseLong(machine.group(2).replace(",", ""))).as("this machine's events")
                .isGreaterThanOrEqualTo(80);
        assertThat(out).as("every event, this machine's too, was scored").anyMatch(line -> line.matches(
                "^anomalies .* 0 dead letters;.*"));
    }
}
