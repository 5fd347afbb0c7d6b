package dev.anomaly.alerting.grouping;

import dev.anomaly.alerting.event.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/**
 * What one step of the grouping decided.
 *
 * @param notifications messages to send, in order
 * @param covered positions handled without a message of their own: held back by the repeat interval or
 *     below the minimum severity
 * @param groupsSuppressed groups held back by the repeat interval
 * @param filtered anomalies below the minimum severity
 */
public record Decisions(List<Notification> notifications, List<SourcePosition> covered, int groupsSuppressed,
                        int filtered) {
    /** Nothing to do. */
    public static final Decisions NONE = new Decisions(List.of(), List.of(), 0, 0);

    public Decisions {
        notifications = List.copyOf(notifications);
        covered = List.copyOf(covered);
        if (groupsSuppressed < 0 || filtered < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** Collects the decisions of one step. */
    static final class Builder {
        private final List<Notification> notifications = new ArrayList<>();
        private final List<SourcePosition> covered = new ArrayList<>();
        private int groupsSuppressed;
        private int filtered;

        void notify(Notification notification) {
            notifications.add(notification);
        }

        void suppressed(List<SourcePosition> positions) {
            covered.addAll(positions);
            groupsSuppressed++;
        }

        void filtered(SourcePosition position) {
            covered.add(position);
            filtered++;
        }

        Decisions build() {
            if (notifications.isEmpty() && covered.isEmpty()) {
                return NONE;
            }
            return new Decisions(notifications, covered, groupsSuppressed, filtered);
        }
    }
}
