package dev.anomaly.evaluator.cli;

import dev.anomaly.testkit.SyntheticMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A scored CSV as 'anomaly detect --input --output' writes it, made without a model: the synthetic metrics
 * with is_anomaly = cpu_usage above a threshold, every 50th verdict flipped so that there are false alarms and
 * misses for sure, the first two rows not scored (warming up) and one row rejected.
 */
final class ScoredCsv {
    static final String ADDED = ",error,threshold,confidence,severity,is_anomaly,status";
    static final double CPU_THRESHOLD = 62;

    private ScoredCsv() {
    }

    static Path write(Path file, int events, int hosts, long seed) throws IOException {
        List<String> lines = SyntheticMetrics.csv(events, hosts, seed).lines().toList();
        StringBuilder csv = new StringBuilder(lines.get(0)).append(ADDED).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i <= 2) {
                csv.append(line).append(",,1.0,,UNSCORED,false,warming_up\n");
            } else if (i == 10) {
                csv.append(line).append(",,1.0,,UNSCORED,false,\"rejected: not_a_number (cpu_usage='x')\"\n");
            } else {
                boolean flagged = Double.parseDouble(line.split(",")[2]) > CPU_THRESHOLD ^ i % 50 == 0;
                csv.append(line).append(flagged ? ",1.5,1.0,1.5,MEDIUM,true,scored\n" : ",0.5,1.0,0.5,NORMAL,false,scored\n");
            }
        }
        return Files.writeString(file, csv);
    }
}
