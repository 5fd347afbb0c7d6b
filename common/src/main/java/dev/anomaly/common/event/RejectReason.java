package dev.anomaly.common.event;

/** Why a record cannot be scored; the detector puts it in the dead letter's headers. */
public enum RejectReason {
    EMPTY("empty value"),
    OVERSIZED("value larger than the limit"),
    INVALID_UTF8("not valid UTF-8"),
    NOT_JSON("not JSON"),
    NOT_AN_OBJECT("JSON value is not an object"),
    DUPLICATE_FIELD("a field appears twice"),
    MISSING_FEATURE("a feature field is missing or null"),
    NOT_A_NUMBER("a feature is not a number"),
    NON_FINITE("a feature is NaN or infinite"),
    WRONG_TYPE("a field has the wrong type"),
    BAD_TIMESTAMP("timestamp missing or not ISO-8601"),
    OUT_OF_RANGE("a feature is outside its plausible range"),
    INTERNAL_ERROR("an unexpected error while decoding, scoring or encoding the record");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    /** A short explanation for humans. */
    public String description() {
        return description;
    }

    /** The code used in headers and metrics, e.g. {@code not_json}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
