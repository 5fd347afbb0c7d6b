package dev.anomaly.common.event;

import java.util.List;

/**
 * Finds columns in a CSV header the way every tool reads them: by name, ignoring case and surrounding spaces
 * (a header written by hand or by a spreadsheet).
 */
public final class CsvHeader {
    private CsvHeader() {
    }

    /** The first column named {@code name}, or -1. */
    public static int indexOf(List<String> header, String name) {
        return indexAfter(header, -1, name);
    }

    /** The first column named {@code name} after column {@code from}, or -1. */
    public static int indexAfter(List<String> header, int from, String name) {
        for (int i = from + 1; i < header.size(); i++) {
            if (header.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The last column named {@code name}, or -1. */
    public static int lastIndexOf(List<String> header, String name) {
        for (int i = header.size() - 1; i >= 0; i--) {
            if (header.get(i).trim().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
