package org.jingzhun.platform.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics before anything is produced to them and waits until every partition has a leader.
 * Producing right after creation lost records here (KAFKA-15591), so nobody sends before this.
 */
public class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final KafkaSettings settings;
    private final KafkaClients clients;

    /** Provisions through the service's admin client ({@code spring.kafka.*}, see {@link KafkaClients}). */
    public TopicProvisioner(KafkaClients clients) {
        this.settings = clients.settings();
        this.clients = clients;
    }

    /** Provisions through a plain admin client of {@code settings.bootstrapServers()}: for tests and tools. */
    public TopicProvisioner(KafkaSettings settings) {
        this(KafkaClients.of(settings));
    }

    /**
     * Ensures the topics exist with the configured partitions and infinite retention (the reporting
     * service replays them from the start), and that each partition has a leader.
     *
     * @throws IllegalStateException when Kafka cannot be reached or the topics are not ready in time
     */
    public void ensureTopics(Collection<String> topics) {
        try (Admin admin = clients.admin("jingzhun-topics")) {
            create(admin, topics);
            awaitLeaders(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics " + topics, e);
        }
    }

    private void create(Admin admin, Collection<String> topics) throws InterruptedException {
        List<NewTopic> newTopics = new ArrayList<>();
        Map<String, String> configs = new HashMap<>();
        // Events are kept forever: the reporting service rebuilds its projections from them.
        configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        if (settings.minInsyncReplicas() != null) {
            // With acks=all, how many replicas must have an event before it counts as sent.
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, settings.minInsyncReplicas().toString());
        }
        for (String topic : topics) {
            // Replication unset: the broker's default.replication.factor, so a cluster gets its replicas.
            newTopics.add(new NewTopic(topic, Optional.of(settings.partitions()),
                    Optional.ofNullable(settings.replicationFactor())).configs(configs));
        }
        for (var entry : admin.createTopics(newTopics).values().entrySet()) {
            try {
                entry.getValue().get(settings.topicReadyTimeout().toMillis(), TimeUnit.MILLISECONDS);
                log.info("Created topic {} ({} partitions, replication {}, kept forever)", entry.getKey(),
                        settings.partitions(), settings.replicationFactor() == null ? "broker default"
                                : settings.replicationFactor());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + entry.getKey(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not create topic " + entry.getKey() + " in time", e);
            }
        }
    }

    private void awaitLeaders(Admin admin, Collection<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + settings.topicReadyTimeout().toNanos();
        Duration pause = Duration.ofMillis(50);
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                        .get(settings.topicReadyTimeout().toMillis(), TimeUnit.MILLISECONDS);
                boolean ready = descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                log.debug("Topics {} not described yet: {}", topics, e.getCause().toString());
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not describe topics " + topics + " in time", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Partitions of " + topics + " have no leader after "
                        + settings.topicReadyTimeout());
            }
            // Polling the broker's metadata: there is no notification for "leader elected".
            Thread.sleep(pause.toMillis());
        }
    }
}
