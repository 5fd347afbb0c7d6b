package dev.anomaly.model;

import dev.anomaly.common.event.Severity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code model.json}. Reading validates every field and names the first bad one, so a
 * hand-edited or truncated file fails with a message an operator can act on.
 */
public final class ModelMetadataJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelMetadataJson() {
    }

    /** The metadata as pretty-printed JSON. */
    public static byte[] write(ModelMetadata metadata) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", ModelMetadata.FORMAT);
        root.put("model", metadata.family().id());
        root.put("version", metadata.version());
        root.put("trained_at", metadata.trainedAt().toString());
        ArrayNode features = root.putArray("features");
        metadata.spec().features().forEach(features::add);
        root.put("window", metadata.spec().window());
        ObjectNode seasonality = root.putObject("seasonality");
        seasonality.put("mode", metadata.seasonalityMode());
        ArrayNode periods = seasonality.putArray("periods_seconds");
        metadata.seasonality().periods().forEach(period -> periods.add(period.toMillis() / 1000.0));
        putScaler(root.putObject("scaler"), metadata.scaler());
        if (metadata.ranges() != null) {
            ObjectNode ranges = root.putObject("feature_ranges");
            ArrayNode min = ranges.putArray("min");
            for (double value : metadata.ranges().min()) {
                min.add(value);
            }
            ArrayNode max = ranges.putArray("max");
            for (double value : metadata.ranges().max()) {
                max.add(value);
            }
        }
        if (metadata.hostBaselines() != null) {
            ObjectNode baselines = root.putObject("host_baselines");
            baselines.put("step", metadata.hostBaselines().step());
            putBaseline(baselines.putObject("fleet"), metadata.hostBaselines().fleet());
            ObjectNode hosts = baselines.putObject("hosts");
            metadata.hostBaselines().hosts().forEach((host, baseline) -> putBaseline(hosts.putObject(host), baseline));
            putScaler(baselines.putObject("raw_scaler"), metadata.hostBaselines().raw());
        }
        ArrayNode layers = root.putArray("layers");
        metadata.layers().forEach(layers::add);
        if (!metadata.parameters().isEmpty()) {
            root.set("parameters", JSON.valueToTree(metadata.parameters()));
        }
        root.put("inputs", metadata.layout().inputs());
        root.put("error", metadata.family().errorDescription());
        root.put("percentile", metadata.percentile());
        root.put("threshold", metadata.threshold());
        ObjectNode severity = root.putObject("severity_confidence");
        severity.put("medium", Severity.ANOMALY_ABOVE);
        severity.put("high", Severity.HIGH_ABOVE);
        TrainingSummary training = metadata.training();
        root.put("samples", training.samples());
        root.put("train_samples", training.trainSamples());
        root.put("validation_samples", training.validationSamples());
        root.put("excluded_labelled", training.excludedLabelled());
        root.put("epochs", training.epochs());
        root.put("epochs_run", training.epochsRun());
        root.put("best_epoch", training.bestEpoch());
        root.put("batch_size", training.batchSize());
        putNumber(root, "learning_rate", training.learningRate());
        root.put("seed", training.seed());
        root.put("patience", training.patience());
        putNumber(root, "train_loss", training.trainLoss());
        putNumber(root, "val_loss", training.validationLoss());
        putNumber(root, "validation_false_alarm_rate", training.validationFalseAlarmRate());
        root.put("target_false_alarm_rate", (100 - metadata.percentile()) / 100);
        root.put("training_seconds", training.trainingSeconds());
        root.put("artifact", metadata.artifactFile());
        root.put("artifact_sha256", metadata.artifactSha256());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write model.json", e);
        }
    }

    /**
     * Reads and validates model.json.
     *
     * @param source the file's name, for messages
     * @throws ModelBundleException naming the file and the first problem
     */
    public static ModelMetadata read(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ModelBundleException(source + ": not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelBundleException(source + ": not a JSON object");
        }
        Reader reader = new Reader(root, source);
        int format = reader.integer("format");
        if (format != ModelMetadata.FORMAT) {
            throw new ModelBundleException(source + ": format " + format + " is not supported (this anomaly reads "
                    + "format " + ModelMetadata.FORMAT + "; was it written by another version?)");
        }
        String model = reader.text("model");
        ModelFamily family;
        try {
            family = ModelFamily.fromId(model);
        } catch (IllegalArgumentException e) {
            throw new ModelBundleException(source + ": " + e.getMessage());
        }
        try {
            FeatureSpec spec = new FeatureSpec(reader.texts("features"), reader.integer("window"));
            JsonNode seasonalityNode = reader.object("seasonality");
            Reader seasonalityReader = new Reader(seasonalityNode, source + " seasonality");
            List<Duration> periods = new ArrayList<>();
            for (double seconds : seasonalityReader.numbers("periods_seconds")) {
                periods.add(Duration.ofMillis(Math.round(seconds * 1000)));
            }
            Scaler scaler = scaler(new Reader(reader.object("scaler"), source + " scaler"));
            FeatureRanges ranges = null;
            if (root.hasNonNull("feature_ranges")) {
                Reader rangeReader = new Reader(reader.object("feature_ranges"), source + " feature_ranges");
                ranges = new FeatureRanges(toArray(rangeReader.numbers("min")), toArray(rangeReader.numbers("max")));
                if (ranges.min().length != spec.featureCount()) {
                    throw new ModelBundleException(source + ": feature_ranges must have one value per feature");
                }
            }
            List<Integer> layers = reader.integers("layers");
            TrainingSummary training = new TrainingSummary(reader.integer("samples"),
                    reader.optionalInteger("train_samples"), reader.optionalInteger("validation_samples"),
                    reader.optionalInteger("excluded_labelled"), reader.optionalInteger("epochs"),
                    reader.integer("epochs_run"), reader.optionalInteger("best_epoch"),
                    reader.optionalInteger("batch_size"), reader.optionalNumber("learning_rate"),
                    reader.optionalInteger("seed"), reader.optionalInteger("patience"), reader.number("train_loss"),
                    reader.optionalNumber("val_loss"), reader.optionalNumber("validation_false_alarm_rate"),
                    reader.optionalNumber("training_seconds"));
            ModelMetadata metadata = new ModelMetadata(reader.text("version"), reader.instant("trained_at"), spec,
                    seasonalityReader.text("mode"), new Seasonality(periods), scaler, ranges, layers,
                    reader.number("percentile"), reader.number("threshold"), training,
                    reader.text(root.has("artifact") ? "artifact" : "network"),
                    reader.text(root.has("artifact_sha256") ? "artifact_sha256" : "network_sha256"), family,
                    parameters(root, source), hostBaselines(root, reader, spec, source));
            int inputs = reader.integer("inputs");
            if (inputs != metadata.layout().inputs()) {
                throw new ModelBundleException(source + ": inputs is " + inputs + " but features, window and "
                        + "seasonality make " + metadata.layout().inputs());
            }
            return metadata;
        } catch (IllegalArgumentException e) {
            throw new ModelBundleException(source + ": " + e.getMessage(), e);
        }
    }

    private static void putScaler(ObjectNode node, Scaler scaler) {
        node.put("type", scaler.kind().id());
        putNumbers(node.putArray("center"), scaler.center());
        putNumbers(node.putArray("scale"), scaler.scale());
    }

    private static Scaler scaler(Reader reader) {
        return new Scaler(ScalerKind.fromId(reader.text("type")), toArray(reader.numbers("center")),
                toArray(reader.numbers("scale")));
    }

    private static void putBaseline(ObjectNode node, FeatureBaseline baseline) {
        putNumbers(node.putArray("median"), baseline.centres());
        putNumbers(node.putArray("lower_quartile"), baseline.lowerQuartiles());
        putNumbers(node.putArray("upper_quartile"), baseline.upperQuartiles());
    }

    private static void putNumbers(ArrayNode array, double[] values) {
        for (double value : values) {
            array.add(value);
        }
    }

    private static HostBaselines hostBaselines(JsonNode root, Reader reader, FeatureSpec spec, String source) {
        if (!root.hasNonNull("host_baselines")) {
            return null;
        }
        Reader baselines = new Reader(reader.object("host_baselines"), source + " host_baselines");
        FeatureBaseline fleet = baseline(baselines, "fleet", spec);
        java.util.Map<String, FeatureBaseline> hosts = new java.util.LinkedHashMap<>();
        Reader hostsReader = new Reader(baselines.object("hosts"), source + " host_baselines.hosts");
        for (java.util.Iterator<String> names = hostsReader.node().fieldNames(); names.hasNext(); ) {
            String host = names.next();
            hosts.put(host, baseline(hostsReader, host, spec));
        }
        Scaler raw = scaler(new Reader(baselines.object("raw_scaler"), source + " host_baselines.raw_scaler"));
        if (raw.featureCount() != spec.featureCount()) {
            throw new ModelBundleException(source + ": host_baselines.raw_scaler must have one value per feature");
        }
        return new HostBaselines(baselines.number("step"), fleet, hosts, raw);
    }

    private static FeatureBaseline baseline(Reader parent, String field, FeatureSpec spec) {
        Reader reader = new Reader(parent.object(field), parent.source() + " '" + field + "'");
        double[] median = toArray(reader.numbers("median"));
        double[] lower = toArray(reader.numbers("lower_quartile"));
        double[] upper = toArray(reader.numbers("upper_quartile"));
        if (median.length != spec.featureCount()) {
            throw new ModelBundleException(reader.source() + ": one median and quartile per feature are needed");
        }
        try {
            return new FeatureBaseline(median, lower, upper);
        } catch (IllegalArgumentException e) {
            throw new ModelBundleException(reader.source() + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> parameters(JsonNode root, String source) {
        JsonNode node = root.get("parameters");
        if (node == null || node.isNull()) {
            return java.util.Map.of();
        }
        if (!node.isObject()) {
            throw new ModelBundleException(source + ": field 'parameters' must be an object");
        }
        return JSON.convertValue(node, java.util.LinkedHashMap.class);
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Typed access to required and optional fields, each failure naming the field. */
    private record Reader(JsonNode node, String source) {
        JsonNode required(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw new ModelBundleException(source + ": missing field '" + field + "'");
            }
            return value;
        }

        String text(String field) {
            JsonNode value = required(field);
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new ModelBundleException(source + ": field '" + field + "' must be a non-empty string");
            }
            return value.asText();
        }

        int integer(String field) {
            JsonNode value = required(field);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw new ModelBundleException(source + ": field '" + field + "' must be an integer");
            }
            return value.intValue();
        }

        int optionalInteger(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? 0 : integer(field);
        }

        double number(String field) {
            JsonNode value = required(field);
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                throw new ModelBundleException(source + ": field '" + field + "' must be a finite number");
            }
            return value.doubleValue();
        }

        double optionalNumber(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? Double.NaN : number(field);
        }

        JsonNode object(String field) {
            JsonNode value = required(field);
            if (!value.isObject()) {
                throw new ModelBundleException(source + ": field '" + field + "' must be an object");
            }
            return value;
        }

        Instant instant(String field) {
            String text = text(field);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new ModelBundleException(source + ": field '" + field + "' is not an ISO-8601 instant");
            }
        }

        List<String> texts(String field) {
            List<String> values = new ArrayList<>();
            for (JsonNode item : array(field)) {
                if (!item.isTextual()) {
                    throw new ModelBundleException(source + ": field '" + field + "' must hold strings");
                }
                values.add(item.asText());
            }
            return values;
        }

        List<Double> numbers(String field) {
            List<Double> values = new ArrayList<>();
            for (JsonNode item : array(field)) {
                if (!item.isNumber() || !Double.isFinite(item.doubleValue())) {
                    throw new ModelBundleException(source + ": field '" + field + "' must hold finite numbers");
                }
                values.add(item.doubleValue());
            }
            return values;
        }

        List<Integer> integers(String field) {
            List<Integer> values = new ArrayList<>();
            for (JsonNode item : array(field)) {
                if (!item.isIntegralNumber() || !item.canConvertToInt()) {
                    throw new ModelBundleException(source + ": field '" + field + "' must hold integers");
                }
                values.add(item.intValue());
            }
            return values;
        }

        private JsonNode array(String field) {
            JsonNode value = required(field);
            if (!value.isArray()) {
                throw new ModelBundleException(source + ": field '" + field + "' must be an array");
            }
            return value;
        }
    }
}
