package dev.anomaly.bench;

/**
 * What the tutorial's setting measured: detect exactly-once with {@code processes} processes in one group on
 * a topic of {@code partitions} partitions, over events of {@code eventBytes} bytes on average.
 *
 * @param isolationForest with an isolation forest trained on the tutorial's training set
 * @param autoencoder with an autoencoder trained on the same
 */
record PeerResults(double eventBytes, int partitions, int processes, ThroughputResult isolationForest,
                   ThroughputResult autoencoder) {
}
