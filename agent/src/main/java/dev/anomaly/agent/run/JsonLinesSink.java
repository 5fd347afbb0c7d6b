package dev.anomaly.agent.run;

import dev.anomaly.common.sink.EventSink;
import dev.anomaly.common.sink.OutgoingRecord;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code --print}: each event as a JSON line on stdout instead of Kafka, to look or to pipe. */
public final class JsonLinesSink implements EventSink {
    private final PrintWriter out;

    public JsonLinesSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void send(OutgoingRecord record) {
        out.println(new String(record.json(), StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public String describe() {
        return "stdout";
    }

    @Override
    public void close() {
        out.flush();
    }
}
