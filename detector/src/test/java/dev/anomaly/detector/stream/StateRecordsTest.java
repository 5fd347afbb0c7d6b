package dev.anomaly.detector.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.model.StreamLearner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class StateRecordsTest {
    private static final byte[] PROGRESS = {1, 2, 3};

    @Test
    void aLearnersPartsGoBeforeItsProgressWhichCarriesTheInputOffset() {
        AtomicInteger tooLarge = new AtomicInteger();
        List<ProducerRecord<byte[], byte[]>> records = StateRecords.learner("state", 2, 1234, PROGRESS,
                List.of(new StreamLearner.Part(7, new byte[100]), new StreamLearner.Part(1 << 20, null)),
                new OutputLimits(Map.of(), OutputLimits.KAFKA_DEFAULT), tooLarge::incrementAndGet);

        assertThat(records).hasSize(3).allSatisfy(record -> assertThat(record.partition()).isEqualTo(2));
        assertThat(StateRecords.learnerPart(records.get(0).key())).isEqualTo(7);
        assertThat(StateRecords.learnerPart(records.get(1).key())).isEqualTo(1 << 20);
        assertThat(records.get(1).value()).as("a part no longer used is deleted").isNull();
        assertThat(StateRecords.isLearnerProgress(records.get(2).key())).isTrue();
        assertThat(StateRecords.learnerProgressOffset(records.get(2).value())).isEqualTo(1234);
        assertThat(StateRecords.learnerProgress(records.get(2).value())).containsExactly(PROGRESS);
        assertThat(tooLarge).hasValue(0);
    }

    @Test
    void aPartTooLargeForTheTopicForgetsTheProgressAndSaysSo() {
        AtomicInteger tooLarge = new AtomicInteger();
        List<ProducerRecord<byte[], byte[]>> records = StateRecords.learner("state", 0, 10, PROGRESS,
                List.of(new StreamLearner.Part(0, new byte[5_000])), new OutputLimits(Map.of("state", 2_000),
                        OutputLimits.KAFKA_DEFAULT), tooLarge::incrementAndGet);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(StateRecords.isLearnerProgress(record.key())).isTrue();
            assertThat(record.value()).isNull();
        });
        assertThat(tooLarge).hasValue(1);
    }

    @Test
    void onlyALearnerPartsKeyNamesASlot() {
        assertThat(StateRecords.learnerPart(StateRecords.learnerPartKey(0))).isZero();
        assertThat(StateRecords.learnerPart(StateRecords.hostKey("web-1"))).isEqualTo(-1);
        assertThat(StateRecords.learnerPart(StateRecords.checkpointKey())).isEqualTo(-1);
        assertThat(StateRecords.learnerPart(null)).isEqualTo(-1);
    }
}
