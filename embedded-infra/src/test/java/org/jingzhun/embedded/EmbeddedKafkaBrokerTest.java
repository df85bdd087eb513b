package org.jingzhun.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final String TOPIC = "jingzhun.test.events";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dataDirectory;

    @Test
    void keepsRecordsAndCommittedOffsetsAcrossRestarts() throws Exception {
        String clusterId;
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDirectory, 0, 0);
                Admin admin = admin(kafka)) {
            clusterId = kafka.clusterId();
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1).configs(Map.of("retention.ms", "-1"))))
                    .all().get();
            await().atMost(TIMEOUT).until(() -> allPartitionsHaveALeader(admin));

            try (KafkaProducer<String, String> producer = producer(kafka)) {
                producer.send(new ProducerRecord<>(TOPIC, "problem-1", "logged")).get();
            }
            try (KafkaConsumer<String, String> consumer = consumer(kafka, "first-reader")) {
                consumer.subscribe(List.of(TOPIC));
                assertThat(pollUntilOneRecord(consumer).value()).isEqualTo("logged");
                consumer.commitSync();
            }
        }

        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDirectory, 0, 0);
                Admin admin = admin(kafka)) {
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            try (KafkaConsumer<String, String> consumer = consumer(kafka, "second-reader")) {
                consumer.subscribe(List.of(TOPIC));
                ConsumerRecord<String, String> record = pollUntilOneRecord(consumer);
                assertThat(record.key()).isEqualTo("problem-1");
                assertThat(record.value()).isEqualTo("logged");
            }
            long committed = admin.listConsumerGroupOffsets("first-reader").partitionsToOffsetAndMetadata().get()
                    .values().stream().mapToLong(OffsetAndMetadata::offset).sum();
            assertThat(committed).isEqualTo(1);
        }
    }

    @Test
    void aFatalBrokerErrorCannotEndTheJvm() {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDirectory, 0, 0)) {
            // What Kafka's fault handlers call; by default System.exit / Runtime.halt, which would kill this test JVM.
            Exit.exit(1, "simulated fatal error");
            Exit.halt(1, "simulated fatal error");
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
        }
    }

    @Test
    void keepsTheLogCleanersHeapBufferSmall() throws Exception {
        // The cleaner allocates this buffer on the heap of the JVM hosting the broker (the suite's launcher);
        // Kafka's default is 128 MiB.
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDirectory, 0, 0);
                Admin admin = admin(kafka)) {
            String node = admin.describeCluster().nodes().get().iterator().next().idString();
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node);
            Config config = admin.describeConfigs(Set.of(broker)).all().get().get(broker);
            assertThat(config.get("log.cleaner.dedupe.buffer.size").value()).isEqualTo(String.valueOf(16 * 1024 * 1024));
            assertThat(config.get("log.cleaner.enable").value()).isEqualTo("true");
        }
    }

    @Test
    void refusesASecondBrokerOnTheSameDirectory() {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDirectory, 0, 0)) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dataDirectory, 0, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
        }
    }

    private static boolean allPartitionsHaveALeader(Admin admin) throws Exception {
        TopicDescription description = admin.describeTopics(Set.of(TOPIC)).allTopicNames().get().get(TOPIC);
        return description.partitions().stream().map(TopicPartitionInfo::leader).allMatch(leader -> leader != null);
    }

    private static ConsumerRecord<String, String> pollUntilOneRecord(KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return !received.isEmpty();
        });
        assertThat(received).hasSize(1);
        return received.get(0);
    }

    private static Admin admin(EmbeddedKafkaBroker kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker kafka) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker kafka, String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
    }
}
