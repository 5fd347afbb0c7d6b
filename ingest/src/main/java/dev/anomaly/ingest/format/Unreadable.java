package dev.anomaly.ingest.format;

import java.util.Locale;

/** Why a record cannot be ingested: the code in its dead letter's {@code dlq.reason} header. */
public enum Unreadable {
    EMPTY,
    INVALID_UTF8,
    NOT_JSON,
    NOT_COLLECTD_JSON,
    NOT_LINE_PROTOCOL,
    NAME_TOO_LONG,
    TOO_LARGE,
    INTERNAL_ERROR;

    /** The header's value, e.g. {@code not_line_protocol}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
