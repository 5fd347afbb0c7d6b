package dev.anomaly.generator.sink;

import dev.anomaly.common.event.MetricEvent;
import dev.anomaly.common.event.MetricFields;
import dev.anomaly.common.sink.EventSink;
import dev.anomaly.common.sink.OutgoingRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes generated events as CSV with a header of the schema's field names, for offline training,
 * backtesting and evaluation. Null labels are empty cells.
 */
public final class CsvEventSink implements EventSink {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader(MetricFields.ALL.toArray(String[]::new))
            .setRecordSeparator('\n')
            .get();

    private final CSVPrinter printer;
    private final String description;
    private final boolean closeTarget;

    /**
     * @param target where the CSV goes
     * @param description what it is, for messages (a file name or "stdout")
     * @param closeTarget whether closing the sink closes the target (not for stdout)
     */
    public CsvEventSink(Appendable target, String description, boolean closeTarget) {
        try {
            this.printer = new CSVPrinter(target, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV to " + description, e);
        }
        this.description = description;
        this.closeTarget = closeTarget;
    }

    @Override
    public void send(OutgoingRecord record) {
        MetricEvent event = record.event();
        if (event == null) {
            throw new IllegalArgumentException("CSV output takes generated events only");
        }
        try {
            printer.printRecord(event.timestamp().toString(), event.host(),
                    number(event.cpuUsage()), number(event.memoryUsage()), number(event.responseTimeMs()),
                    number(event.diskIoMb()), number(event.networkIoMb()),
                    event.label() == null ? "" : event.label().label(),
                    event.episode() == null ? "" : event.episode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV to " + description, e);
        }
    }

    @Override
    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV to " + description, e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            if (closeTarget) {
                printer.close(true);
            } else {
                printer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV to " + description, e);
        }
    }

    /** The same text as the JSON form, so CSV and JSON agree digit for digit. */
    private static String number(double value) {
        return Double.toString(value);
    }
}
