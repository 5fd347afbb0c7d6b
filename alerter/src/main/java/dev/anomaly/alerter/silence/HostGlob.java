package dev.anomaly.alerter.silence;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A host pattern as operators write them in a shell: {@code *} any characters, {@code ?} one, everything else
 * itself; the whole host name must match ({@code db-*} matches {@code db-1}, not {@code old-db-1}).
 */
public record HostGlob(String pattern) {
    public HostGlob {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("a host pattern must not be empty");
        }
    }

    public boolean matches(String host) {
        return regex().matcher(host).matches();
    }

    private Pattern regex() {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
