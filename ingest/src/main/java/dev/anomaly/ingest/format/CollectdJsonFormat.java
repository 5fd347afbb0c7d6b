package dev.anomaly.ingest.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The JSON that collectd's {@code write_kafka} plugin writes with {@code Format JSON}: an array of value lists,
 * each with {@code values}, {@code dstypes}, {@code dsnames}, {@code time}, {@code interval}, {@code host},
 * {@code plugin}, {@code plugin_instance}, {@code type} and {@code type_instance}.
 *
 * <p>Each value becomes a feature named {@code plugin[-plugin_instance].type[-type_instance][.dsname]} (the data
 * source's name only where a type has several, e.g. {@code interface-eth0.if_octets.rx}, {@code load.load.shortterm}).
 * A {@code null} value (a rate collectd does not know yet) is skipped.
 */
public final class CollectdJsonFormat implements AgentFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Latest time a value list may carry: the end of year 9999, in seconds. */
    private static final double MAX_EPOCH_SECONDS = 253_402_300_799.0;

    private final boolean storeRates;

    /**
     * @param storeRates whether {@code write_kafka} runs with {@code StoreRates true}, so that counter, derive
     *     and absolute values are already rates; without it, they are running totals turned into rates here
     */
    public CollectdJsonFormat(boolean storeRates) {
        this.storeRates = storeRates;
    }

    @Override
    public List<HostReadings> read(byte[] value, String fallbackHost, long recordTimestampMillis)
            throws UnreadableRecordException {
        JsonNode root = parse(value);
        List<JsonNode> valueLists = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(valueLists::add);
        } else if (root.isObject()) {
            valueLists.add(root);
        } else {
            throw new UnreadableRecordException(Unreadable.NOT_COLLECTD_JSON,
                    "expected an array of value lists, got a JSON " + root.getNodeType().name().toLowerCase());
        }
        ReadingsByHostAndTime byHostAndTime = new ReadingsByHostAndTime();
        for (int i = 0; i < valueLists.size(); i++) {
            JsonNode list = valueLists.get(i);
            if (!list.isObject()) {
                throw notCollectd(i, "is not an object");
            }
            String host = text(list, "host");
            long time = time(list.get("time"), recordTimestampMillis);
            List<Reading> readings = byHostAndTime.at(host.isEmpty() ? fallbackHost : host, time);
            readValueList(list, i, readings);
        }
        return byHostAndTime.toList();
    }

    private static JsonNode parse(byte[] value) throws UnreadableRecordException {
        try {
            JsonNode root = JSON.readTree(value);
            if (root == null || root.isMissingNode()) {
                throw new UnreadableRecordException(Unreadable.EMPTY, "the record holds no JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new UnreadableRecordException(Unreadable.NOT_JSON, e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UnreadableRecordException(Unreadable.NOT_JSON, e.getMessage(), e);
        }
    }

    private void readValueList(JsonNode list, int index, List<Reading> readings) throws UnreadableRecordException {
        String plugin = text(list, "plugin");
        String type = text(list, "type");
        JsonNode values = list.get("values");
        JsonNode dsTypes = list.get("dstypes");
        JsonNode dsNames = list.get("dsnames");
        if (plugin.isEmpty() || type.isEmpty()) {
            throw notCollectd(index, "has no plugin or no type");
        }
        if (values == null || !values.isArray() || dsTypes == null || !dsTypes.isArray()
                || dsNames == null || !dsNames.isArray()
                || values.size() != dsTypes.size() || values.size() != dsNames.size()) {
            throw notCollectd(index, "needs arrays values, dstypes and dsnames of one length");
        }
        String name = qualified(plugin, text(list, "plugin_instance")) + "." + qualified(type, text(list,
                "type_instance"));
        JsonNode interval = list.get("interval");
        double seconds = interval != null && interval.isNumber() ? interval.asDouble() : Double.NaN;
        for (int j = 0; j < values.size(); j++) {
            JsonNode number = values.get(j);
            if (!number.isNumber() || !Double.isFinite(number.asDouble())) {
                continue;
            }
            String feature = values.size() > 1 ? name + "." + dsNames.get(j).asText() : name;
            Reading reading = reading(feature, number.asDouble(), dsTypes.get(j).asText(), seconds, index);
            if (reading != null) {
                readings.add(reading);
            }
        }
    }

    private Reading reading(String feature, double value, String dsType, double intervalSeconds, int index)
            throws UnreadableRecordException {
        SeriesId series = series(feature, index);
        if (storeRates || "gauge".equals(dsType)) {
            return new Reading(series, value, Reading.Kind.GAUGE);
        }
        return switch (dsType) {
            case "counter" -> new Reading(series, value, Reading.Kind.COUNTER);
            case "derive" -> new Reading(series, value, Reading.Kind.DERIVE);
            // ABSOLUTE counts since the previous reading: a rate over the value list's interval.
            case "absolute" -> intervalSeconds > 0 ? new Reading(series, value / intervalSeconds,
                    Reading.Kind.GAUGE) : null;
            default -> throw notCollectd(index, "has an unknown data source type '" + dsType + "'");
        };
    }

    private static SeriesId series(String feature, int index) throws UnreadableRecordException {
        if (feature.length() > SeriesId.MAX_NAME_LENGTH) {
            throw new UnreadableRecordException(Unreadable.NAME_TOO_LONG, "value list " + index + ": a name of "
                    + feature.length() + " characters (at most " + SeriesId.MAX_NAME_LENGTH + ")");
        }
        return new SeriesId(feature, "");
    }

    private static String qualified(String name, String instance) {
        return instance.isEmpty() ? name : name + "-" + instance;
    }

    private static String text(JsonNode list, String field) {
        JsonNode node = list.get(field);
        return node != null && node.isTextual() ? node.asText() : "";
    }

    /** The value list's time (seconds since the epoch, with fractions), or the record's when it has none. */
    private static long time(JsonNode node, long recordTimestampMillis) {
        if (node == null || !node.isNumber()) {
            return recordTimestampMillis;
        }
        double seconds = node.asDouble();
        if (!(seconds > 0 && seconds <= MAX_EPOCH_SECONDS)) {
            return recordTimestampMillis;
        }
        return Math.round(seconds * 1000);
    }

    private static UnreadableRecordException notCollectd(int index, String problem) {
        return new UnreadableRecordException(Unreadable.NOT_COLLECTD_JSON, "value list " + index + " " + problem);
    }

    @Override
    public Map<String, Double> standardFields(SortedMap<SeriesId, Double> means) {
        return CollectdStandardFields.derive(means);
    }
}
