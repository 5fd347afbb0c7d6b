package dev.anomaly.common.event;

import java.util.Objects;

/**
 * A host pattern as operators write them in a shell: {@code *} any characters, {@code ?} one, everything else
 * itself; the whole host name must match ({@code db-*} matches {@code db-1}, not {@code old-db-1}).
 *
 * <p>Matched in linear time with the classic two-pointer walk (back to the last {@code *} on a mismatch), not
 * through a regular expression: a pattern read from the topic must not be able to stall the alert loop.
 */
public record HostGlob(String pattern) {
    /** Longer patterns are not host patterns. */
    public static final int MAX_LENGTH = 256;

    public HostGlob {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("a host pattern must not be empty");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a host pattern has at most " + MAX_LENGTH + " characters, got "
                    + pattern.length());
        }
    }

    public boolean matches(String host) {
        int p = 0;
        int h = 0;
        int star = -1;
        int resume = 0;
        while (h < host.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == host.charAt(h))) {
                p++;
                h++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = h;
            } else if (star >= 0) {
                p = star + 1;
                h = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
