package dev.anomaly.model.iforest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes an {@link IsolationForest} as JSON: one object per tree holding parallel node arrays
 * {@code feature} (−1 for a leaf), {@code split}, {@code left}, {@code right} (−1 for a leaf) and
 * {@code size}. Reading validates the structure and names the first bad tree and node, so a truncated or
 * hand-edited model fails with a message instead of scoring nonsense.
 */
final class IsolationForestJson {
    static final String FORMAT = "isolation-forest";
    static final int VERSION = 1;
    private static final String[] NODE_ARRAYS = {"feature", "split", "left", "right", "size"};

    private IsolationForestJson() {
    }

    static ObjectNode write(IsolationForest forest) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("columns", forest.columns());
        root.put("sample_size", forest.sampleSize());
        ArrayNode trees = root.putArray("trees");
        for (int t = 0; t < forest.trees(); t++) {
            trees.add(write(forest.tree(t)));
        }
        return root;
    }

    private static ObjectNode write(IsolationTree tree) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode feature = json.putArray("feature");
        ArrayNode split = json.putArray("split");
        ArrayNode left = json.putArray("left");
        ArrayNode right = json.putArray("right");
        ArrayNode size = json.putArray("size");
        for (int node = 0; node < tree.nodeCount(); node++) {
            feature.add(tree.feature(node));
            if (tree.feature(node) == IsolationTree.LEAF) {
                split.add(0);
            } else {
                addExactly(split, tree.split(node));
            }
            left.add(tree.left(node));
            right.add(tree.right(node));
            size.add(tree.size(node));
        }
        return json;
    }

    /**
     * Adds a float so that it reads back bit for bit. Jackson writes a float as {@link Float#toString} and
     * parses it back as a double; narrowing that double could give the neighbouring float if the double
     * landed exactly between two floats. No such float turned up among the 33 million in [1, 4) and
     * [0.001, 0.004), but nothing rules it out, so a float that fails the round trip is written as its exact
     * (longer) double value.
     */
    private static void addExactly(ArrayNode array, float value) {
        if ((float) Double.parseDouble(Float.toString(value)) == value) {
            array.add(value);
        } else {
            array.add((double) value);
        }
    }

    static IsolationForest read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("an isolation forest is a JSON object");
        }
        String format = json.path("format").asText(null);
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format must be \"" + FORMAT + "\", got " + json.get("format"));
        }
        int version = intField(json, "version", 1);
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported isolation forest version " + version);
        }
        int columns = intField(json, "columns", 1);
        int sampleSize = intField(json, "sample_size", 2);
        JsonNode treesJson = json.get("trees");
        if (treesJson == null || !treesJson.isArray() || treesJson.isEmpty()) {
            throw new IllegalArgumentException("trees must be a non-empty array");
        }
        IsolationTree[] trees = new IsolationTree[treesJson.size()];
        for (int t = 0; t < trees.length; t++) {
            try {
                trees[t] = readTree(treesJson.get(t), columns);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tree " + t + ": " + e.getMessage(), e);
            }
        }
        return new IsolationForest(columns, sampleSize, trees);
    }

    private static int intField(JsonNode json, String name, int least) {
        JsonNode value = json.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < least) {
            throw new IllegalArgumentException(name + " must be an integer of at least " + least + ", got " + value);
        }
        return value.intValue();
    }

    private static IsolationTree readTree(JsonNode json, int columns) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (String name : NODE_ARRAYS) {
            if (!json.path(name).isArray()) {
                throw new IllegalArgumentException(name + " must be an array");
            }
        }
        int[] feature = ints(json.get("feature"), "feature");
        float[] split = floats(json.get("split"));
        int[] left = ints(json.get("left"), "left");
        int[] right = ints(json.get("right"), "right");
        int[] size = ints(json.get("size"), "size");
        return new IsolationTree(feature, split, left, right, size, columns);
    }

    private static int[] ints(JsonNode array, String name) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = array.get(i);
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw new IllegalArgumentException(name + "[" + i + "] is not an integer: " + value);
            }
            values[i] = value.intValue();
        }
        return values;
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = array.get(i);
            if (!value.isNumber()) {
                throw new IllegalArgumentException("split[" + i + "] is not a number: " + value);
            }
            values[i] = value.floatValue();
        }
        return values;
    }
}
