package dev.anomaly.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputIdentityTest {
    private final BenchEvents events = new BenchEvents(1);

    @Test
    void findsTheEventFromTheKeyAndTheCopiedTimestamp() {
        byte[] value = bytes("{\"timestamp\":\"2026-01-01T00:00:10Z\",\"host\":\"web-3\",\"cpu_usage\":1,"
                + "\"scored_at\":\"2026-12-04T09:00:00Z\",\"is_anomaly\":false}");
        // Step 2 (10 s at a 5 s interval) of ten hosts, third host.
        assertEquals(22, OutputIdentity.index(events, bytes("web-3"), value));
    }

    @Test
    void namesNoEventWhenTheTimestampOrTheKeyIsMissingOrForeign() {
        byte[] value = bytes("{\"timestamp\":\"2026-01-01T00:00:10Z\"}");
        assertEquals(-1, OutputIdentity.index(events, null, value));
        assertEquals(-1, OutputIdentity.index(events, bytes("db-1"), value));
        assertEquals(-1, OutputIdentity.index(events, bytes("web-3"), bytes("{\"host\":\"web-3\"}")));
        assertEquals(-1, OutputIdentity.index(events, bytes("web-3"), bytes("{\"timestamp\":\"yesterday\"}")));
        assertEquals(-1, OutputIdentity.index(events, bytes("web-3"), bytes("{\"timestamp\":\"2026-01-01")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
