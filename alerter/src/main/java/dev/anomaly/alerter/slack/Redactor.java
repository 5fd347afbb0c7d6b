package dev.anomaly.alerter.slack;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Removes secrets from text that may reach the user: exception messages of the HTTP client (which can
 * embed the request URI, i.e. the webhook URL), response bodies, stack traces shown with --verbose.
 */
public final class Redactor {
    /** What a secret is replaced with. */
    public static final String MASK = "<redacted>";
    /** Shorter fragments are too likely to match ordinary text to be worth masking on their own. */
    private static final int MIN_FRAGMENT = 8;
    private static final int MAX_CAUSES = 10;

    private final List<String> fragments;

    private Redactor(List<String> fragments) {
        this.fragments = fragments;
    }

    /** A redactor for these secrets; for URLs, their path and query are masked wherever they appear. */
    public static Redactor of(Collection<Secret> secrets) {
        List<String> fragments = new ArrayList<>();
        for (Secret secret : secrets) {
            String value = secret.reveal();
            fragments.add(value);
            try {
                URI uri = URI.create(value);
                addIfLong(fragments, uri.getRawPath());
                addIfLong(fragments, uri.getRawQuery());
                addIfLong(fragments, uri.getPath());
            } catch (IllegalArgumentException notAUri) {
                // A token, or a malformed URL: the whole value is masked already.
            }
        }
        fragments.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(fragments));
    }

    /** The text with every secret masked; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String fragment : fragments) {
            result = result.replace(fragment, MASK);
        }
        return result;
    }

    /**
     * A copy of an exception chain with masked messages and the original stack traces, safe to attach as
     * the cause of an error that --verbose prints.
     */
    public RuntimeException redact(Throwable throwable) {
        return copy(throwable, 0);
    }

    private RedactedException copy(Throwable throwable, int depth) {
        String message = redact(throwable.getMessage());
        RedactedException copy = new RedactedException(throwable.getClass().getName()
                + (message == null ? "" : ": " + message));
        copy.setStackTrace(throwable.getStackTrace());
        Throwable cause = throwable.getCause();
        if (cause != null && cause != throwable && depth < MAX_CAUSES) {
            copy.initCause(copy(cause, depth + 1));
        }
        return copy;
    }

    private static void addIfLong(List<String> fragments, String fragment) {
        if (fragment != null && fragment.length() >= MIN_FRAGMENT && !"/".equals(fragment)) {
            fragments.add(fragment);
        }
    }

    /** An exception whose message was redacted; it names the original exception class. */
    public static final class RedactedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedactedException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            // The original's stack trace is set instead.
            return this;
        }
    }
}
