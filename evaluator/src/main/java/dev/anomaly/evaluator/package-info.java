/** {@code anomaly evaluate}: precision, recall, episode detection and delay against ground truth. */
package dev.anomaly.evaluator;
