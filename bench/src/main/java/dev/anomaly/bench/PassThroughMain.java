package dev.anomaly.bench;

import dev.anomaly.common.lifecycle.ShutdownSignal;
import dev.anomaly.common.time.Durations;
import dev.anomaly.detector.loop.Guarantee;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Entry point of the bench's pass-through child JVM ({@code java -cp anomaly.jar
 * dev.anomaly.bench.PassThroughMain --bootstrap-server ... }); not a user command. It returns normally
 * on success; a failure escapes as an exception, which the JVM reports on stderr with exit code 1.
 */
public final class PassThroughMain {
    static final String BOOTSTRAP_SERVER = "--bootstrap-server";
    static final String TOPIC = "--topic";
    static final String OUTPUT_TOPIC = "--output-topic";
    static final String GROUP_ID = "--group-id";
    static final String GUARANTEE = "--guarantee";
    static final String MAX_POLL_RECORDS = "--max-poll-records";
    static final String TIMEOUT = "--timeout";
    static final String STOP_WHEN_IDLE = "--stop-when-idle";
    private static final Set<String> OPTIONS = Set.of(BOOTSTRAP_SERVER, TOPIC, OUTPUT_TOPIC, GROUP_ID, GUARANTEE,
            MAX_POLL_RECORDS, TIMEOUT, STOP_WHEN_IDLE);

    private PassThroughMain() {
    }

    public static void main(String[] args) {
        PassThrough passThrough = new PassThrough(parse(List.of(args)));
        long started = System.nanoTime();
        long copied;
        try (ShutdownSignal stop = ShutdownSignal.install("pass-through", Duration.ofSeconds(10),
                passThrough::wakeup)) {
            copied = passThrough.run(stop);
        }
        System.err.printf("pass-through: copied %,d records in %.1f s%n", copied, (System.nanoTime() - started) / 1e9);
    }

    /** The command line the bench gives the child, as {@code --option value} pairs. */
    static List<String> arguments(PassThrough.Settings settings) {
        return List.of(BOOTSTRAP_SERVER, settings.bootstrapServers(), TOPIC, settings.inputTopic(),
                OUTPUT_TOPIC, settings.outputTopic(), GROUP_ID, settings.groupId(),
                GUARANTEE, settings.guarantee().id(), MAX_POLL_RECORDS, Integer.toString(settings.maxPollRecords()),
                TIMEOUT, Durations.format(settings.timeout()), STOP_WHEN_IDLE, Durations.format(settings.stopWhenIdle()));
    }

    /** Reads what {@link #arguments} wrote. */
    static PassThrough.Settings parse(List<String> args) {
        if (args.size() % 2 != 0) {
            throw new IllegalArgumentException("expected --option value pairs, got " + args);
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            if (!OPTIONS.contains(args.get(i))) {
                throw new IllegalArgumentException("unknown option " + args.get(i) + "; known: " + OPTIONS);
            }
            values.put(args.get(i), args.get(i + 1));
        }
        if (!values.keySet().equals(OPTIONS)) {
            throw new IllegalArgumentException("missing options; all of " + OPTIONS + " are needed");
        }
        return new PassThrough.Settings(values.get(BOOTSTRAP_SERVER), values.get(TOPIC), values.get(OUTPUT_TOPIC),
                values.get(GROUP_ID), Guarantee.fromId(values.get(GUARANTEE)),
                Integer.parseInt(values.get(MAX_POLL_RECORDS)), Durations.parse(values.get(TIMEOUT)),
                Durations.parse(values.get(STOP_WHEN_IDLE)));
    }
}
