package dev.anomaly.detector.core;

/** An exception as a dead letter's detail: its class and the first line of its message, shortened. */
public final class FailureDetail {
    private static final int MAX_DETAIL = 300;

    private FailureDetail() {
    }

    public static String of(Throwable failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getName() + (message == null ? "" : ": " + message);
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline);
        }
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "\u2026";
    }
}
