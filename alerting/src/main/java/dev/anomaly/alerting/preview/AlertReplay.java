package dev.anomaly.alerting.preview;

import dev.anomaly.common.event.Anomaly;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.grouping.AlertGrouper;
import dev.anomaly.alerting.grouping.Decisions;
import dev.anomaly.alerting.grouping.GroupingPolicy;
import dev.anomaly.alerting.grouping.Notification;
import dev.anomaly.alerting.rules.AnomalyRules;
import dev.anomaly.alerting.slack.MessageRenderer;
import dev.anomaly.alerting.slack.SlackMessage;
import dev.anomaly.alerting.time.EventClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * What the alerter would send for a stream of anomalies, decided offline by the live alerter's own code: the
 * same {@link AlertGrouper}, {@link EventClock} and {@link MessageRenderer}, fed as the alerter feeds them
 * (the clock observes each anomaly, then the grouper takes it).
 *
 * <p>The clock is frozen, as a live alerter's is while it reads a backlog, so only event time counts. Each
 * partition's anomalies are replayed in their order (offsets; a scored CSV's rows), and the partitions are
 * merged by event time: what a live alerter keeping up with the stream reads. So the replay of a
 * single-partition stream gives the messages a live alerter gives on it. At the end every open group closes
 * and every episode resolves at the time it is due, as if the stream then went quiet.
 *
 * <p>What a replay leaves out: silences (they follow the wall clock of the moment); the real time a live
 * alerter adds to event time once it has caught up (well under a second between two records of a busy
 * stream, but the whole of a pause: a detector stopped for longer than the resolve interval resolves every
 * episode live, not in the replay); and the order in which a live alerter reads a backlog of several
 * partitions (a partition's records at a time, so its clock runs ahead with the first partitions read).
 */
public final class AlertReplay {
    private AlertReplay() {
    }

    /** An anomaly as the alerter reads it, and where it was read. */
    public record Offer(Anomaly anomaly, SourcePosition position) {
        public Offer {
            Objects.requireNonNull(anomaly, "anomaly");
            Objects.requireNonNull(position, "position");
        }
    }

    /** A message the alerter would send, as it decided and rendered it. */
    public record Sent(Notification notification, SlackMessage message) {
    }

    /**
     * What the replay decided.
     *
     * @param sent every message, in the order it would be sent
     * @param groupsHeldBack groups held back by the repeat interval (summarised by a later message)
     * @param belowMinSeverity anomalies ignored for their severity
     * @param ruledOut anomalies the alert rules did not let stand
     */
    public record Result(List<Sent> sent, long groupsHeldBack, long belowMinSeverity, long ruledOut) {
        public Result {
            sent = List.copyOf(sent);
        }
    }

    /** Replays the anomalies (each partition's in offset order, the partitions merged by event time), without rules. */
    public static Result replay(List<Offer> anomalies, GroupingPolicy policy) {
        return replay(anomalies, policy, AnomalyRules.NONE);
    }

    /** Replays the anomalies that pass the rules (each partition's in offset order, merged by event time). */
    public static Result replay(List<Offer> anomalies, GroupingPolicy policy, AnomalyRules rules) {
        List<Offer> ordered = mergedByEventTime(anomalies);
        AlertGrouper grouper = new AlertGrouper(policy);
        EventClock clock = new EventClock();
        clock.freeze();
        MessageRenderer renderer = new MessageRenderer();
        Collector out = new Collector(renderer);
        long ruledOut = 0;
        for (Offer offer : ordered) {
            if (rules.judge(offer.anomaly()) != 0) {
                ruledOut++;
                continue;
            }
            clock.observe(offer.anomaly().host(), offer.anomaly().timestamp());
            out.take(grouper.offer(offer.anomaly(), offer.position(), clock));
        }
        out.take(grouper.advance(Instant.MAX));
        return new Result(out.sent, out.groupsHeldBack, out.belowMinSeverity, ruledOut);
    }

    /** Each partition's anomalies in offset order, the partitions merged by event time (ties: lower partition). */
    static List<Offer> mergedByEventTime(List<Offer> anomalies) {
        Map<Integer, List<Offer>> byPartition = new TreeMap<>();
        for (Offer offer : anomalies) {
            byPartition.computeIfAbsent(offer.position().partition(), p -> new ArrayList<>()).add(offer);
        }
        PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator
                .comparing((Cursor cursor) -> cursor.head().anomaly().timestamp())
                .thenComparingInt(cursor -> cursor.head().position().partition()));
        for (List<Offer> partition : byPartition.values()) {
            partition.sort(Comparator.comparingLong(offer -> offer.position().offset()));
            heads.add(new Cursor(partition));
        }
        List<Offer> merged = new ArrayList<>(anomalies.size());
        while (!heads.isEmpty()) {
            Cursor cursor = heads.poll();
            merged.add(cursor.head());
            if (cursor.advance()) {
                heads.add(cursor);
            }
        }
        return merged;
    }

    /** A partition's anomalies, read from the first. */
    private static final class Cursor {
        private final List<Offer> offers;
        private int next;

        Cursor(List<Offer> offers) {
            this.offers = offers;
        }

        Offer head() {
            return offers.get(next);
        }

        boolean advance() {
            return ++next < offers.size();
        }
    }

    private static final class Collector {
        private final MessageRenderer renderer;
        private final List<Sent> sent = new ArrayList<>();
        private long groupsHeldBack;
        private long belowMinSeverity;

        Collector(MessageRenderer renderer) {
            this.renderer = renderer;
        }

        void take(Decisions decisions) {
            groupsHeldBack += decisions.groupsSuppressed();
            belowMinSeverity += decisions.filtered();
            for (Notification notification : decisions.notifications()) {
                sent.add(new Sent(notification, renderer.render(notification)));
            }
        }
    }
}
