package org.jingzhun.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service reaches Kafka ({@code JINGZHUN_KAFKA_BOOTSTRAP_SERVERS} and friends).
 *
 * @param bootstrapServers  the brokers
 * @param partitions        partitions of each event topic when it is created
 * @param replicationFactor replicas of each topic when it is created (1 on a single broker)
 * @param topicReadyTimeout how long start-up waits for a topic's partitions to have leaders
 */
@ConfigurationProperties("jingzhun.kafka")
public record KafkaSettings(@DefaultValue("localhost:9092") String bootstrapServers,
                            @DefaultValue("6") int partitions,
                            @DefaultValue("1") short replicationFactor,
                            @DefaultValue("30s") Duration topicReadyTimeout) {
}
