package dev.anomaly.agent.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.anomaly.agent.sample.HostMetrics;
import dev.anomaly.common.event.MetricFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** One agent reading as an event of the schema, with {@code label} null: real metrics carry no ground truth. */
final class AgentEventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private AgentEventJson() {
    }

    /**
     * @param responseTimeMs the probe's time, or NaN without {@code --probe} (the field is then left out)
     */
    static byte[] toBytes(Instant timestamp, String host, HostMetrics metrics, double responseTimeMs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(200);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField(MetricFields.TIMESTAMP, timestamp.toString());
            json.writeStringField(MetricFields.HOST, host);
            json.writeNumberField(MetricFields.CPU_USAGE, round(metrics.cpuUsage()));
            json.writeNumberField(MetricFields.MEMORY_USAGE, round(metrics.memoryUsage()));
            if (!Double.isNaN(responseTimeMs)) {
                json.writeNumberField(MetricFields.RESPONSE_TIME_MS, round(responseTimeMs));
            }
            json.writeNumberField(MetricFields.DISK_IO_MB, round(metrics.diskIoMb()));
            json.writeNumberField(MetricFields.NETWORK_IO_MB, round(metrics.networkIoMb()));
            json.writeNullField(MetricFields.LABEL);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Three decimals: more than a counter's rate means, fewer bytes on the wire. */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
