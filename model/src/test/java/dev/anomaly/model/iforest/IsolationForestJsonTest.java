package dev.anomaly.model.iforest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class IsolationForestJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROW_COUNT = 1000;
    private static final int COLUMNS = 3;
    private static final float[] ROWS = Samples.gaussianWithOutliers(ROW_COUNT, COLUMNS, 8);
    private static final IsolationForest FOREST =
            IsolationForest.fit(ROWS, ROW_COUNT, COLUMNS, IsolationForestSettings.withSeed(5));

    /** The forest's JSON as another process would read it: written to bytes and parsed again. */
    private static ObjectNode written() throws IOException {
        return (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(FOREST.toJson()));
    }

    private static ObjectNode tree(ObjectNode json, int index) {
        return (ObjectNode) json.get("trees").get(index);
    }

    @Test
    void aRoundTripScoresBitForBitTheSame() throws IOException {
        double[] before = new double[ROW_COUNT];
        float[] sharesBefore = new float[ROW_COUNT * COLUMNS];
        FOREST.score(ROWS, ROW_COUNT, before, sharesBefore);

        IsolationForest read = IsolationForest.fromJson(written());
        double[] after = new double[ROW_COUNT];
        float[] sharesAfter = new float[ROW_COUNT * COLUMNS];
        read.score(ROWS, ROW_COUNT, after, sharesAfter);

        assertThat(after).containsExactly(before);
        assertThat(sharesAfter).containsExactly(sharesBefore);
        assertThat(read.trees()).isEqualTo(FOREST.trees());
        assertThat(read.sampleSize()).isEqualTo(FOREST.sampleSize());
        assertThat(read.columns()).isEqualTo(COLUMNS);
    }

    @Test
    void rejectsAChildIndexOutOfRange() throws IOException {
        ObjectNode json = written();
        ((ArrayNode) tree(json, 3).get("right")).set(0, 100_000);

        assertThatThrownBy(() -> IsolationForest.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tree 3: node 0: child index 100000 out of range");
    }

    @Test
    void rejectsNodeArraysOfDifferentLengths() throws IOException {
        ObjectNode json = written();
        ArrayNode split = (ArrayNode) tree(json, 1).get("split");
        split.remove(split.size() - 1);

        assertThatThrownBy(() -> IsolationForest.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("tree 1: split has \\d+ values for \\d+ nodes");
    }

    @Test
    void rejectsAMissingNodeArray() throws IOException {
        ObjectNode json = written();
        tree(json, 0).remove("size");

        assertThatThrownBy(() -> IsolationForest.fromJson(json)).hasMessage("tree 0: size must be an array");
    }

    @Test
    void rejectsAFeatureThatIsNotAnInteger() throws IOException {
        ObjectNode json = written();
        ((ArrayNode) tree(json, 2).get("feature")).set(0, 1.5);

        assertThatThrownBy(() -> IsolationForest.fromJson(json))
                .hasMessage("tree 2: feature[0] is not an integer: 1.5");
    }

    @Test
    void rejectsATreeGrownOnAnotherSampleSize() throws IOException {
        ObjectNode json = written();
        json.put("sample_size", 128);

        assertThatThrownBy(() -> IsolationForest.fromJson(json))
                .hasMessage("tree 0: grown on 256 rows, not the sample size 128");
    }

    @Test
    void rejectsAnotherFormat() {
        JsonNode json = JSON.createObjectNode().put("format", "autoencoder");

        assertThatThrownBy(() -> IsolationForest.fromJson(json)).hasMessageContaining("format must be");
    }

    @Test
    void rejectsAMissingColumnCount() throws IOException {
        ObjectNode json = written();
        json.remove("columns");

        assertThatThrownBy(() -> IsolationForest.fromJson(json))
                .hasMessage("columns must be an integer of at least 1, got null");
    }
}
