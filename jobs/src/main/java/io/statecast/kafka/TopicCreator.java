package io.statecast.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the Statecast topics on any broker: events and forecasts with N partitions, the compacted
 * models topic (one partition: snapshots are few and must stay ordered), the dead-letter topic, and the
 * scores topic (N partitions, written only when the forecast job emits scores).
 * Topics that already exist are left as they are, so it is safe to run against a restarted broker.
 */
public final class TopicCreator {

    private static final long RETRY_MS = 50;

    private TopicCreator() {}

    /**
     * Creates the topics and waits for them at most {@code timeout}.
     *
     * @return the names of the topics that were created now (not those that existed)
     */
    public static List<String> create(Admin admin, TopicNames names, int partitions, short replication,
                                      Duration timeout) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        List<NewTopic> topics = List.of(
                new NewTopic(names.events(), partitions, replication),
                new NewTopic(names.forecasts(), partitions, replication),
                new NewTopic(names.models(), 1, replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(names.deadLetters(), 1, replication),
                new NewTopic(names.scores(), partitions, replication));
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        List<String> created = new ArrayList<>();
        for (NewTopic topic : topics) {
            try {
                results.get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic.name() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("topic " + topic.name() + " was not created within "
                        + timeout.toSeconds() + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
            }
        }
        awaitServing(admin, names.all(), timeout);
        return created;
    }

    /**
     * Waits until the broker serves every partition of the topics. A topic counts as created once
     * the controller commits it, but the broker's metadata cache shows the leader a moment before its
     * replica manager has the partition: a producer that writes in that moment gets
     * NOT_LEADER_OR_FOLLOWER, and an idempotent one can then stall on OUT_OF_ORDER_SEQUENCE_NUMBER
     * (seen on this broker). Listing offsets goes through the replica manager, so we list them until
     * every partition answers.
     */
    public static void awaitServing(Admin admin, Collection<String> topics, Duration timeout) {
        long ms = timeout.toMillis();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    // Describe inside the loop too: right after a restart the metadata may lack the topics.
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    for (TopicDescription topic : admin.describeTopics(topics).allTopicNames()
                            .get(ms, TimeUnit.MILLISECONDS).values()) {
                        topic.partitions().forEach(p -> latest.put(
                                new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
                    }
                    admin.listOffsets(latest).all().get(ms, TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(RETRY_MS); // the partition is still being set up on the broker
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("topics " + topics + " are not served within "
                    + timeout.toSeconds() + " s: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topics " + topics, e);
        }
    }
}
