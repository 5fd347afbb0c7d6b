package dev.anomaly.common.event;

/**
 * The parts of a metric record the model needs, filled in place by {@link MetricRecordParser} so the
 * hot path allocates nothing per record but the host string.
 */
public final class ParsedRecord {
    /** {@link #epochMillis()} of a record without a readable timestamp. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private final double[] values;
    private String host;
    private long epochMillis = NO_TIME;
    private String label;
    private String episode;
    private boolean copySafe;
    private RejectReason reason;
    private String detail;
    private boolean outputField;
    private String topLevelHost;

    public ParsedRecord(int features) {
        this.values = new double[features];
    }

    void reset() {
        java.util.Arrays.fill(values, Double.NaN);
        host = null;
        epochMillis = NO_TIME;
        label = null;
        episode = null;
        copySafe = true;
        reason = null;
        detail = null;
        outputField = false;
        topLevelHost = null;
    }

    void reject(RejectReason rejectReason, String rejectDetail) {
        if (reason == null) {
            reason = rejectReason;
            detail = rejectDetail;
        }
    }

    /** Feature values in the parser's feature order; valid when {@link #isValid()}. */
    public double[] values() {
        return values;
    }

    /**
     * The value of the parser's host field (by default {@code host}; possibly a nested path), or null when
     * the record has none (or a null one). A record's host is its key first: see {@link HostField#resolve}.
     */
    public String host() {
        return host;
    }

    void host(String value) {
        host = value;
    }

    /** The {@code timestamp} field in epoch millis, or {@link #NO_TIME}. */
    public long epochMillis() {
        return epochMillis;
    }

    void epochMillis(long value) {
        epochMillis = value;
    }

    public boolean hasTime() {
        return epochMillis != NO_TIME;
    }

    /** The ground-truth {@code label}, or null for normal events and data without labels. */
    public String label() {
        return label;
    }

    void label(String value) {
        label = value;
    }

    /** The ground-truth {@code episode} id, or null. */
    public String episode() {
        return episode;
    }

    void episode(String value) {
        episode = value;
    }

    void markNotCopySafe() {
        copySafe = false;
    }

    /**
     * Whether the record's bytes may be copied into an output that strict JSON readers must accept: no
     * NaN or Infinity anywhere, and the {@code host} and {@code timestamp} fields either absent (an output
     * can add them) or usable. A valid record that is not copy-safe is still scored; its output is then
     * written from the parsed values.
     */
    public boolean isCopySafe() {
        return copySafe;
    }

    void topLevelHost(String value) {
        topLevelHost = value;
    }

    /**
     * The record's top-level {@code host} string, which a copy of the record keeps, or null when it has none
     * usable (absent, blank, not a string).
     */
    public String topLevelHost() {
        return topLevelHost;
    }

    void markOutputField() {
        outputField = true;
    }

    /** Whether the record already has a field the consumer would add (it then needs a careful rewrite). */
    public boolean hasOutputField() {
        return outputField;
    }

    public boolean isValid() {
        return reason == null;
    }

    /** Why the record was rejected, or null. */
    public RejectReason reason() {
        return reason;
    }

    /** Which field and value made it fail, for the dead letter header. */
    public String detail() {
        return detail;
    }
}
