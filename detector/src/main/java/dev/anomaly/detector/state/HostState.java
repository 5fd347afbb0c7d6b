package dev.anomaly.detector.state;

/** What the detector keeps of one host between its events: its window and its error baseline. */
public interface HostState {
    /** A host of a detector that keeps nothing: windows of one event, no likelihood. */
    HostState NONE = new HostState() {
        @Override
        public boolean windowFull() {
            return true;
        }

        @Override
        public double likelihood(double confidence) {
            return Double.NaN;
        }
    };

    /** Whether the host has a full window since its latest event: that event can be scored. */
    boolean windowFull();

    /**
     * The likelihood that the host's recent errors, this one included, are unusual for it; learns this one.
     *
     * @param confidence the event's error divided by the model's threshold
     * @return 0..1, or NaN while the host warms up or without likelihood
     */
    double likelihood(double confidence);

    /**
     * The host's clock as of its latest event: the newest event time it has reported, which a late record does
     * not set back. Read it right after the event was pushed (the next event of the host moves it); what
     * {@code --for} times runs by, so a late record neither starts a run in the past nor stretches one.
     */
    default long clock() {
        return dev.anomaly.common.event.ParsedRecord.NO_TIME;
    }

    /**
     * Adds a scored event of the host to its run of consecutive anomalies, or ends the run: what {@code --for}
     * judges. Events that were not scored (warming up, rejected) neither extend nor end it.
     *
     * @param anomalous whether the event is an anomaly before {@code --for} judged it
     * @param clock the host's {@link #clock()} as of that event
     * @return the run's length with this event, 0 when it is normal
     */
    default int extendRun(boolean anomalous, long clock) {
        throw new UnsupportedOperationException("this host keeps no run of anomalies");
    }

    /**
     * Forgets the host's run of anomalies: its rules do not count runs (no {@code --for}), so a run kept from
     * an earlier configuration must not come back when they do again.
     */
    default void endRun() {
    }

    /** When the host's current run of anomalies began, in event time (valid while its length is > 0). */
    default long runStart() {
        throw new UnsupportedOperationException("this host keeps no run of anomalies");
    }

    /** Event time from the start of the current run to the event last added to it; 0 without a run. */
    default long runSpan() {
        throw new UnsupportedOperationException("this host keeps no run of anomalies");
    }

    /**
     * How the host's latest event was put on the model's scale, undone: a value of {@code feature} as the
     * model sees it is {@code offset + factor × value} on the host's own scale (what an expected value means
     * for this host). Read it right after the event was pushed: the next event of the host moves it.
     */
    default double hostScaleFactor(int feature) {
        return 1;
    }

    /** See {@link #hostScaleFactor}. */
    default double hostScaleOffset(int feature) {
        return 0;
    }
}
