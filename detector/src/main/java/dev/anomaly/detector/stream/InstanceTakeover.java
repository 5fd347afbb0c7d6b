package dev.anomaly.detector.stream;

import dev.anomaly.detector.loop.Takeover;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether another detector started with this one's {@code --instance-id}: then the group has a member
 * with this instance's static name and another member id (a newcomer with a static name replaces the old
 * member at once). A fence without that is the coordinator aborting a transaction that outlived its
 * timeout, which a new producer recovers from.
 */
final class InstanceTakeover implements Takeover {
    private static final Logger log = LoggerFactory.getLogger(InstanceTakeover.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Properties admin;
    private final String groupId;
    private final String groupInstanceId;
    private final String instanceId;
    private final Supplier<String> ownMemberId;

    /** @param ownMemberId this member's id as the consumer knows it (read on the loop's thread) */
    InstanceTakeover(Properties admin, String groupId, String groupInstanceId, String instanceId,
                     Supplier<String> ownMemberId) {
        this.admin = admin;
        this.groupId = groupId;
        this.groupInstanceId = groupInstanceId;
        this.instanceId = instanceId;
        this.ownMemberId = ownMemberId;
    }

    @Override
    public boolean happened() {
        String own = ownMemberId.get();
        try (Admin client = Admin.create(admin)) {
            ConsumerGroupDescription group = client.describeConsumerGroups(List.of(groupId)).describedGroups()
                    .get(groupId).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (MemberDescription member : group.members()) {
                if (member.groupInstanceId().filter(groupInstanceId::equals).isPresent()
                        && !member.consumerId().equals(own)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            // Cannot tell (the broker is away): recover; a real newcomer fences this member's consumer too.
            log.debug("Cannot describe group {}: {}", groupId, e.toString());
            return false;
        }
    }

    @Override
    public String describe() {
        return "another detector with instance id " + instanceId + " took over (this one was fenced); give each "
                + "detector its own --instance-id";
    }
}
