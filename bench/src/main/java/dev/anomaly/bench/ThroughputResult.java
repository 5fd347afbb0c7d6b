package dev.anomaly.bench;

/**
 * One end-to-end throughput run of a child JVM over the preloaded topic.
 *
 * @param eventsPerSecond {@code events / seconds}
 * @param events input events inside the measured window
 * @param seconds the measured window
 * @param window how the window was taken: {@link #COMMIT_TO_COMMIT}, or {@link #ASSIGNMENT_TO_COMMIT} when
 *     the whole topic was committed before a second commit could be seen (tiny runs), or
 *     {@link #START_TO_COMMIT} when not even the (whole group's) assignment was seen first
 * @param peakRssKb the child's VmHWM, or -1 if unknown
 */
record ThroughputResult(double eventsPerSecond, long events, double seconds, String window, long peakRssKb) {
    /** From the first commit seen to the commit of the last input offset; the first batch is not counted. */
    static final String COMMIT_TO_COMMIT = "first-commit-to-last-commit";
    /** From the group's partition assignment to the commit of the last input offset; every event counted. */
    static final String ASSIGNMENT_TO_COMMIT = "assignment-to-last-commit";
    /** From the children's start, JVM start and model load included, to the last commit: a poor figure. */
    static final String START_TO_COMMIT = "start-to-last-commit";
}
