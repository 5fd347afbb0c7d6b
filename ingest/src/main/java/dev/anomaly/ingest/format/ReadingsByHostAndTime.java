package dev.anomaly.ingest.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One record's readings gathered by host and time, in the order they came: what every format returns. */
final class ReadingsByHostAndTime {
    private final Map<String, Map<Long, List<Reading>>> byHostAndTime = new LinkedHashMap<>();

    /** The list that collects the readings of this host at this time. */
    List<Reading> at(String host, long timestampMillis) {
        return byHostAndTime.computeIfAbsent(host, h -> new LinkedHashMap<>())
                .computeIfAbsent(timestampMillis, t -> new ArrayList<>());
    }

    /** One entry per host and time that got at least one reading. */
    List<HostReadings> toList() {
        List<HostReadings> result = new ArrayList<>();
        byHostAndTime.forEach((host, byTime) -> byTime.forEach((time, readings) -> {
            if (!readings.isEmpty()) {
                result.add(new HostReadings(host, time, readings));
            }
        }));
        return result;
    }
}
