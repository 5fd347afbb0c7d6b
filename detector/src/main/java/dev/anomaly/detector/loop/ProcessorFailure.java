package dev.anomaly.detector.loop;

/** A processor failure that is not Kafka's: a bug, which retrying would only repeat. */
final class ProcessorFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProcessorFailure(RuntimeException cause) {
        super(cause);
    }
}
