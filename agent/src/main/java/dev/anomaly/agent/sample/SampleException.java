package dev.anomaly.agent.sample;

/** A sample or scrape that failed this time: the agent warns and goes on. */
public final class SampleException extends RuntimeException {
    public SampleException(String message, Throwable cause) {
        super(message, cause);
    }

    public SampleException(String message) {
        super(message);
    }
}
