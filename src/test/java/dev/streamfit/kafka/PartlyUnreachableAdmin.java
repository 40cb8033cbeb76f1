package dev.streamfit.kafka;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListGroupsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsResult;
import org.apache.kafka.common.TopicCollection;

import dev.streamfit.support.FreePorts;

/**
 * A real AdminClient of the broker (Kafka's own {@link ForwardingAdmin}), except that the chosen calls
 * go to a second real AdminClient whose bootstrap address has no broker behind it: they time out the
 * way calls time out when a cluster stops answering, while every other call of the same poll succeeds.
 * Counts the calls that reach the broker, so a test can tell what was described anew.
 */
final class PartlyUnreachableAdmin extends ForwardingAdmin {

    /** The calls that can be sent where nothing answers. */
    enum Call {
        LIST_TOPICS, DESCRIBE_TOPICS, LIST_GROUPS, DESCRIBE_GROUPS, GROUP_OFFSETS
    }

    private final Set<Call> unreachable;
    private final Admin nowhere;
    final AtomicInteger describeTopicsSent = new AtomicInteger();

    PartlyUnreachableAdmin(String bootstrapServers, Call first, Call... more) {
        super(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.unreachable = EnumSet.of(first, more);
        this.nowhere = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + FreePorts.next(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "1500", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "1500",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200"));
    }

    @Override
    public ListTopicsResult listTopics(ListTopicsOptions options) {
        return unreachable.contains(Call.LIST_TOPICS) ? nowhere.listTopics(options) : super.listTopics(options);
    }

    @Override
    public DescribeTopicsResult describeTopics(TopicCollection topics, DescribeTopicsOptions options) {
        if (unreachable.contains(Call.DESCRIBE_TOPICS)) {
            return nowhere.describeTopics(topics, options);
        }
        describeTopicsSent.incrementAndGet();
        return super.describeTopics(topics, options);
    }

    @Override
    public ListGroupsResult listGroups(ListGroupsOptions options) {
        return unreachable.contains(Call.LIST_GROUPS) ? nowhere.listGroups(options) : super.listGroups(options);
    }

    @Override
    public DescribeConsumerGroupsResult describeConsumerGroups(Collection<String> groupIds, DescribeConsumerGroupsOptions options) {
        return unreachable.contains(Call.DESCRIBE_GROUPS) ? nowhere.describeConsumerGroups(groupIds, options)
                : super.describeConsumerGroups(groupIds, options);
    }

    @Override
    public ListConsumerGroupOffsetsResult listConsumerGroupOffsets(Map<String, ListConsumerGroupOffsetsSpec> groupSpecs,
            ListConsumerGroupOffsetsOptions options) {
        return unreachable.contains(Call.GROUP_OFFSETS) ? nowhere.listConsumerGroupOffsets(groupSpecs, options)
                : super.listConsumerGroupOffsets(groupSpecs, options);
    }

    @Override
    public void close(java.time.Duration timeout) {
        nowhere.close(java.time.Duration.ZERO);
        super.close(timeout);
    }
}
