package dev.anomaly.detector.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.junit.jupiter.api.Test;

class GroupOffsetsReaderTest {
    private static final TopicPartition P0 = new TopicPartition("in", 0);
    private static final TopicPartition P1 = new TopicPartition("in", 1);

    @Test
    void aPartitionNeverCommittedIsLeftOutAndTheOthersAreKept() {
        Map<TopicPartition, OffsetAndMetadata> answer = new HashMap<>();
        answer.put(P0, new OffsetAndMetadata(7));
        answer.put(P1, null);

        assertThat(GroupOffsetsReader.committedOnly(Set.of(P0, P1), answer))
                .containsExactlyEntriesOf(Map.of(P0, new OffsetAndMetadata(7)));
    }

    @Test
    void aPartitionTheAnswerLeftOutIsRetriedNotTakenAsNeverCommitted() {
        // What the admin client does with a partition whose transactional commit is still pending.
        Map<TopicPartition, OffsetAndMetadata> answer = new HashMap<>();
        answer.put(P0, new OffsetAndMetadata(7));

        assertThatThrownBy(() -> GroupOffsetsReader.committedOnly(Set.of(P0, P1), answer))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("in-1");
    }
}
