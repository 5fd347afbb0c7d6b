package dev.anomaly.alerting.preview;

import dev.anomaly.alerting.event.Anomaly;
import dev.anomaly.alerting.event.SourcePosition;
import dev.anomaly.alerting.grouping.AlertGrouper;
import dev.anomaly.alerting.grouping.Decisions;
import dev.anomaly.alerting.grouping.GroupingPolicy;
import dev.anomaly.alerting.grouping.Notification;
import dev.anomaly.alerting.slack.MessageRenderer;
import dev.anomaly.alerting.slack.SlackMessage;
import dev.anomaly.alerting.time.EventClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the alerter would send for a stream of anomalies, decided offline by the live alerter's own code: the
 * same {@link AlertGrouper}, {@link EventClock} and {@link MessageRenderer}, fed as the alerter feeds them
 * (the clock observes each anomaly, then the grouper takes it).
 *
 * <p>The clock is frozen, as a live alerter's is while it reads a backlog, so only event time counts: the
 * replay of a stream gives the messages a live alerter gives when it reads that stream in the same order.
 * Anomalies are replayed in event-time order (records of one time keep their order): what a live alerter
 * keeping up with the stream sees, whatever the partitions the records were read from. At the end every
 * open group closes and every episode resolves at the time it is due, as if the stream then went quiet.
 *
 * <p>What a replay leaves out: silences (they follow the wall clock of the moment), and the real time a live
 * alerter adds to event time while it is caught up (well under a second between two records of a busy
 * stream, so a decision falls differently only for an anomaly within that much of a group's close).
 */
public final class AlertReplay {
    private static final Comparator<Offer> EVENT_TIME = Comparator.comparing(offer -> offer.anomaly().timestamp());

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
     */
    public record Result(List<Sent> sent, long groupsHeldBack, long belowMinSeverity) {
        public Result {
            sent = List.copyOf(sent);
        }
    }

    /** Replays the anomalies (in any order; they are sorted by event time) under the policy. */
    public static Result replay(List<Offer> anomalies, GroupingPolicy policy) {
        List<Offer> ordered = new ArrayList<>(anomalies);
        ordered.sort(EVENT_TIME);
        AlertGrouper grouper = new AlertGrouper(policy);
        EventClock clock = new EventClock();
        clock.freeze();
        MessageRenderer renderer = new MessageRenderer();
        Collector out = new Collector(renderer);
        for (Offer offer : ordered) {
            clock.observe(offer.anomaly().host(), offer.anomaly().timestamp());
            out.take(grouper.offer(offer.anomaly(), offer.position(), clock));
        }
        out.take(grouper.advance(Instant.MAX));
        return new Result(out.sent, out.groupsHeldBack, out.belowMinSeverity);
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
