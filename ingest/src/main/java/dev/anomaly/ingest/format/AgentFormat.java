package dev.anomaly.ingest.format;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** An agent's record format: how to read its records, and how to derive the standard fields from its series. */
public interface AgentFormat {
    /**
     * Reads one record.
     *
     * @param value the record's value
     * @param fallbackHost the host to use when the record names none (its key, or {@code default})
     * @param recordTimestampMillis the time to use when the record carries none
     * @return what the record says, one entry per host and time it mentions; empty when it holds no number
     * @throws UnreadableRecordException when the record is not in this format
     */
    List<HostReadings> read(byte[] value, String fallbackHost, long recordTimestampMillis)
            throws UnreadableRecordException;

    /**
     * The schema's standard fields ({@code cpu_usage}, {@code memory_usage}, {@code disk_io_mb},
     * {@code network_io_mb}) that can be derived from one interval's series means; those whose series are
     * missing are left out.
     */
    Map<String, Double> standardFields(SortedMap<SeriesId, Double> means);
}
