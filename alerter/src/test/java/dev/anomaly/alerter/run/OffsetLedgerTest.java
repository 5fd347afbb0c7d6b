package dev.anomaly.alerter.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anomaly.alerting.event.SourcePosition;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {
    private final OffsetLedger ledger = new OffsetLedger();

    @Test
    void commitsNothingBeforeAnythingIsConsumed() {
        ledger.assigned(0, Optional.empty());

        assertThat(ledger.dueCommits()).isEmpty();
    }

    @Test
    void commitsPastEverythingReported() {
        consume(0, 0, 5);
        cover(0, 0, 5);

        assertThat(ledger.dueCommits()).containsExactly(Map.entry(0, new CommitPoint(5, "")));
    }

    @Test
    void commitsOnlyUpToTheFirstAnomalyNotReported() {
        consume(0, 0, 10);
        cover(0, 0, 3);

        assertThat(ledger.dueCommits().get(0).offset()).isEqualTo(3);
    }

    @Test
    void partitionsAreCommittedIndependently() {
        consume(0, 0, 4);
        consume(1, 0, 4);
        cover(1, 0, 4);

        assertThat(ledger.dueCommits()).containsEntry(0, new CommitPoint(0, "alerter/1 end=+4 pending=0-3"))
                .containsEntry(1, new CommitPoint(4, ""));
    }

    @Test
    void aCommitPointIsDueOnlyWhenItChanged() {
        consume(0, 0, 3);
        cover(0, 0, 3);
        ledger.committed(ledger.dueCommits());

        assertThat(ledger.dueCommits()).isEmpty();
    }

    @Test
    void theMetadataNamesWhatIsReportedAboveTheCommittedOffset() {
        // Two hosts share the partition: web-2 (odd offsets) is reported, web-1 (even) is not yet.
        consume(0, 0, 8);
        for (long offset = 1; offset < 8; offset += 2) {
            ledger.covered(new SourcePosition(0, offset));
        }

        assertThat(ledger.dueCommits().get(0))
                .isEqualTo(new CommitPoint(0, "alerter/1 end=+8 pending=0,2,4,6"));
    }

    @Test
    void afterARestartWhatWasReportedAboveTheCommitIsSkipped() {
        ledger.assigned(0, Optional.of(new CommitPoint(100, "alerter/1 end=+8 pending=0,2,4,6")));

        assertThat(LongStream.range(100, 110).filter(offset -> ledger.alreadyReported(new SourcePosition(0, offset))))
                .containsExactly(101L, 103L, 105L, 107L);
    }

    @Test
    void aRestartedRunKeepsThePreviousRunsRecordUntilItReadsPastIt() {
        ledger.assigned(0, Optional.of(new CommitPoint(100, "alerter/1 end=+8 pending=0,2,4,6")));

        // Re-read 100 (pending, now reported) and 101 (reported before); 102..107 not read yet.
        ledger.consumed(new SourcePosition(0, 100));
        ledger.covered(new SourcePosition(0, 100));
        ledger.consumed(new SourcePosition(0, 101));
        ledger.covered(new SourcePosition(0, 101));

        assertThat(ledger.dueCommits().get(0)).isEqualTo(new CommitPoint(102, "alerter/1 end=+6 pending=0,2,4"));
    }

    @Test
    void metadataOfAnotherToolIsIgnored() {
        ledger.assigned(0, Optional.of(new CommitPoint(100, "checkpoint by some-tool")));

        assertThat(ledger.alreadyReported(new SourcePosition(0, 101))).isFalse();
    }

    @Test
    void aRevokedPartitionIsForgotten() {
        consume(0, 0, 3);

        ledger.forget(0);
        cover(0, 0, 3);

        assertThat(ledger.dueCommits()).isEmpty();
        assertThat(ledger.pending()).isZero();
    }

    @Test
    void tooManyPendingRangesAreCutSoTheRestIsReportedAgainRatherThanLost() {
        consume(0, 0, 4000);
        for (long offset = 1; offset < 4000; offset += 2) {
            ledger.covered(new SourcePosition(0, offset));
        }

        CommitPoint point = ledger.dueCommits().get(0);

        assertThat(point.metadata().length()).isLessThanOrEqualTo(CommitMetadata.MAX_CHARS);
        ReportedRange range = CommitMetadata.decode(point.offset(), point.metadata()).orElseThrow();
        assertThat(range.to()).isLessThan(4000);
        assertThat(LongStream.range(0, range.to()).filter(range::reported).allMatch(offset -> offset % 2 == 1))
                .isTrue();
    }

    private void consume(int partition, long from, long to) {
        LongStream.range(from, to).forEach(offset -> ledger.consumed(new SourcePosition(partition, offset)));
    }

    private void cover(int partition, long from, long to) {
        LongStream.range(from, to).forEach(offset -> ledger.covered(new SourcePosition(partition, offset)));
    }
}
