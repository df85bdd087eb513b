package org.jingzhun.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Jingzhun's own Kafka settings: how topics are created. How clients reach Kafka (servers, TLS, SASL,
 * any client property) is Spring Boot's {@code spring.kafka.*}, see {@link KafkaClients}.
 *
 * @param bootstrapServers  the brokers: the older spelling of {@code spring.kafka.bootstrap-servers}
 *                          ({@code JINGZHUN_KAFKA_BOOTSTRAP_SERVERS}), used when that is not set
 * @param partitions        partitions of each event topic when it is created
 * @param replicationFactor replicas of each topic when it is created; unset, the broker's
 *                          {@code default.replication.factor}
 * @param minInsyncReplicas the topics' {@code min.insync.replicas} when created; unset, the broker's
 * @param topicReadyTimeout how long start-up waits for a topic's partitions to have leaders
 */
@ConfigurationProperties("jingzhun.kafka")
public record KafkaSettings(@DefaultValue("localhost:9092") String bootstrapServers,
                            @DefaultValue("6") int partitions,
                            Short replicationFactor,
                            Integer minInsyncReplicas,
                            @DefaultValue("30s") Duration topicReadyTimeout) {

    @ConstructorBinding
    public KafkaSettings {
    }

    /** Settings with the broker's {@code min.insync.replicas}, for tests and tools. */
    public KafkaSettings(String bootstrapServers, int partitions, Short replicationFactor, Duration topicReadyTimeout) {
        this(bootstrapServers, partitions, replicationFactor, null, topicReadyTimeout);
    }
}
