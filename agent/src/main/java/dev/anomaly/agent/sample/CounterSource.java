package dev.anomaly.agent.sample;

/** Where the agent reads a host's counters: this machine, or a Prometheus exporter. */
public interface CounterSource {
    /**
     * Reads the counters now.
     *
     * @throws SampleException with a one-line reason when they cannot be read this time
     */
    HostCounters read();

    /** A short description for messages, e.g. {@code this machine (OSHI)}. */
    String describe();
}
