package dev.anomaly.bench;

import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.detector.loop.Guarantee;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;

/**
 * One or more detect processes, exactly-once, in one fresh consumer group over a whole topic, the way a user
 * scales out on Kafka: their events per second together, measured from the group's commits.
 */
final class GroupDetectRun {
    /** A process of several may wait for the others' rebalance with nothing to read: more room than alone. */
    private static final Duration STOP_WHEN_IDLE = Duration.ofSeconds(5);

    private final ChildRegistry children;
    private final List<String> detectOptions;
    private final ShutdownSignal stop;

    GroupDetectRun(ChildRegistry children, List<String> detectOptions, ShutdownSignal stop) {
        this.children = children;
        this.detectOptions = List.copyOf(detectOptions);
        this.stop = stop;
    }

    /**
     * @param name names the group, its output topics and the child JVMs
     * @param partitions of the output topics created for the run
     * @param events the input topic's events, all of which the group reads
     */
    ThroughputResult measure(String bootstrap, Admin admin, String name, String topic, int partitions, Path model,
                             int processes, long events, Function<String, Consumer<String>> echo)
            throws InterruptedException {
        String group = "bench-" + name;
        String output = group + "-out";
        String deadLetters = group + "-dlq";
        Topics.create(admin, partitions, List.of(output, deadLetters));
        List<ChildJvm> started = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                String child = processes == 1 ? name : name + "-" + (i + 1);
                started.add(children.start(child, DetectArguments.MAIN, DetectArguments.throughput(bootstrap, topic,
                        output, deadLetters, group, Guarantee.EXACTLY_ONCE, model, STOP_WHEN_IDLE, detectOptions),
                        echo.apply(child)));
            }
            Duration timeout = Duration.ofSeconds(120 + events / 10_000);
            return ThroughputRun.measure(started, new GroupWatcher(admin, group, topic), events, timeout, stop);
        } finally {
            started.forEach(children::release);
        }
    }
}
