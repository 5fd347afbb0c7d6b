package dev.anomaly.model.rcf;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.state.RandomCutForestMapper;
import com.amazon.randomcutforest.state.RandomCutForestState;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anomaly.common.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A random cut forest to and from its state, and the state to and from JSON. The trees are saved with their
 * samples: rebuilt from the samples alone they would cut differently, and a restarted detector would not
 * score exactly as the one that stopped.
 */
public final class ForestStates {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ForestStates() {
    }

    public static RandomCutForestState toState(RandomCutForest forest) {
        return mapper().toState(forest);
    }

    /** A new, independent forest from {@code state}: each scorer learns on its own copy. */
    public static RandomCutForest toForest(RandomCutForestState state) {
        return mapper().toModel(state);
    }

    public static byte[] toJson(RandomCutForestState state) throws IOException {
        return JSON.writeValueAsBytes(state);
    }

    public static RandomCutForestState fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, RandomCutForestState.class);
    }

    /** Writes the state of {@code forest} to {@code file} atomically: readers see the old file or the new one. */
    public static void write(RandomCutForest forest, Path file) throws IOException {
        byte[] json = toJson(toState(forest));
        AtomicFile.write(file, out -> out.write(json));
    }

    private static RandomCutForestMapper mapper() {
        RandomCutForestMapper mapper = new RandomCutForestMapper();
        mapper.setSaveExecutorContextEnabled(true);
        mapper.setSaveTreeStateEnabled(true);
        return mapper;
    }
}
