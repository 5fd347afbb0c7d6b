package dev.anomaly.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Records no detector should score, of every kind the poison-input suite names. */
public record MalformedRecord(String kind, byte[] key, byte[] value) {
    private static final String GOOD = "{\"timestamp\":\"2026-01-01T00:00:05Z\",\"host\":\"%s\",\"cpu_usage\":%s,"
            + "\"memory_usage\":45.0,\"response_time_ms\":130.0,\"disk_io_mb\":50.0,\"network_io_mb\":100.0}";
    public static final int KINDS = 14;

    public static MalformedRecord of(int index, String host) {
        byte[] key = host.getBytes(StandardCharsets.UTF_8);
        switch (index % KINDS) {
            case 0:
                return new MalformedRecord("not json", key, bytes("cpu=42 memory=40"));
            case 1:
                return new MalformedRecord("truncated", key, bytes(String.format(GOOD, host, "42").substring(0, 60)));
            case 2:
                return new MalformedRecord("array", key, bytes("[42, 40, 130]"));
            case 3:
                return new MalformedRecord("wrong type", key, bytes(String.format(GOOD, host, "\"high\"")));
            case 4:
                return new MalformedRecord("missing field", key,
                        bytes(String.format(GOOD, host, "42").replace(",\"memory_usage\":45.0", "")));
            case 5:
                return new MalformedRecord("NaN", key, bytes(String.format(GOOD, host, "NaN")));
            case 6:
                return new MalformedRecord("Infinity", key, bytes(String.format(GOOD, host, "-Infinity")));
            case 7:
                return new MalformedRecord("negative", key, bytes(String.format(GOOD, host, "-12.5")));
            case 8:
                return new MalformedRecord("absurd", key, bytes(String.format(GOOD, host, "3.5e15")));
            case 9:
                return new MalformedRecord("empty", key, new byte[0]);
            case 10:
                // A record without a key is fine (its host field names the host); a host that is an object is not.
                String hostObject = "{\"name\":\"" + host + "\"}";
                return new MalformedRecord("host object", key,
                        bytes(String.format(GOOD, host, "42").replace("\"" + host + "\"", hostObject)));
            case 11:
                return new MalformedRecord("duplicate key", key,
                        bytes(String.format(GOOD, host, "42").replace("{", "{\"cpu_usage\":1,")));
            case 12:
                byte[] invalid = bytes(String.format(GOOD, host, "42"));
                invalid[30] = (byte) 0xC3;
                invalid[31] = (byte) 0x28;
                return new MalformedRecord("invalid UTF-8", key, invalid);
            default:
                // The first oversized record is 900 KB (close to Kafka's 1 MB limit), the others just over 100 KB.
                byte[] huge = new byte[index < KINDS ? 900 * 1024 : 110 * 1024];
                Arrays.fill(huge, (byte) ' ');
                byte[] event = bytes(String.format(GOOD, host, "42"));
                System.arraycopy(event, 0, huge, 0, event.length);
                return new MalformedRecord("oversized", key, huge);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
