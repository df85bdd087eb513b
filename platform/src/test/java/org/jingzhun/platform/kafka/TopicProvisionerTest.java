package org.jingzhun.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.jingzhun.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topics as the services create them on a real broker: kept forever, replication as configured or the broker's. */
class TopicProvisionerTest {

    @TempDir
    static Path dataDirectory;
    private static EmbeddedKafkaBroker kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaBroker.start(dataDirectory, 0, 0);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void leavesReplicationAndMinInsyncReplicasToTheBrokerUnlessConfigured() throws Exception {
        KafkaSettings brokerDefaults = new KafkaSettings(kafka.bootstrapServers(), 2, null, Duration.ofSeconds(30));
        new TopicProvisioner(brokerDefaults).ensureTopics(List.of("provisioned.defaults"));
        KafkaSettings configured = new KafkaSettings(kafka.bootstrapServers(), 3, (short) 1, 1, Duration.ofSeconds(30));
        new TopicProvisioner(configured).ensureTopics(List.of("provisioned.configured"));

        try (Admin admin = KafkaClients.of(brokerDefaults).admin("test")) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of("provisioned.defaults", "provisioned.configured")).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.get("provisioned.defaults").partitions()).hasSize(2)
                    .allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
            assertThat(topics.get("provisioned.configured").partitions()).hasSize(3);

            Config defaults = config(admin, "provisioned.defaults");
            assertThat(defaults.get("retention.ms").value()).isEqualTo("-1");
            assertThat(defaults.get("min.insync.replicas").source()).as("the broker's")
                    .isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            Config set = config(admin, "provisioned.configured");
            assertThat(set.get("min.insync.replicas").value()).isEqualTo("1");
            assertThat(set.get("min.insync.replicas").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }
}
