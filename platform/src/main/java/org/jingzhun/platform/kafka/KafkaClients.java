package org.jingzhun.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Every Kafka client of a service, built from Spring Boot's {@code spring.kafka.*} settings
 * (bootstrap servers, {@code security.protocol}, SSL, SASL through {@code spring.kafka.properties.*},
 * the {@code producer}, {@code consumer} and {@code admin} sections) with Jingzhun's settings layered on
 * top in two kinds:
 * <ul>
 *   <li><em>defaults</em> apply unless the operator set the same key in {@code spring.kafka.*};</li>
 *   <li><em>guarantees</em> always win: the relay's and the projector's promises (nothing acknowledged is
 *       lost, every event is projected once) rest on them.</li>
 * </ul>
 * Each client gets Micrometer's Kafka client metrics, removed again when the client is closed.
 */
public final class KafkaClients {

    private final Map<String, Object> bootProducer;
    private final Map<String, Object> bootConsumer;
    private final Map<String, Object> bootAdmin;
    private final KafkaSettings settings;
    private final MeterRegistry meters;

    /**
     * @param producer the producer settings Boot derives from {@code spring.kafka.*} and {@code spring.kafka.producer.*}
     * @param consumer the consumer settings from {@code spring.kafka.*} and {@code spring.kafka.consumer.*}
     * @param admin    the admin settings from {@code spring.kafka.*} and {@code spring.kafka.admin.*}
     * @param settings topic settings ({@code jingzhun.kafka.*})
     * @param meters   where the clients' metrics go; {@code null} for none
     */
    public KafkaClients(Map<String, Object> producer, Map<String, Object> consumer, Map<String, Object> admin,
                        KafkaSettings settings, MeterRegistry meters) {
        this.bootProducer = Map.copyOf(producer);
        this.bootConsumer = Map.copyOf(consumer);
        this.bootAdmin = Map.copyOf(admin);
        this.settings = settings;
        this.meters = meters;
    }

    /** Plain clients of {@code settings.bootstrapServers()}, without metrics: for tests and tools. */
    public static KafkaClients of(KafkaSettings settings) {
        Map<String, Object> common = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return new KafkaClients(common, common, common, settings, null);
    }

    /** Topic settings: partitions, replication, how long provisioning may take. */
    public KafkaSettings settings() {
        return settings;
    }

    /**
     * Settings of a producer whose acknowledged records are never lost nor duplicated by retries.
     *
     * @param clientId the client's id, prefixed with {@code spring.kafka.client-id} when that is set
     */
    public Map<String, Object> producerConfig(String clientId) {
        Map<String, Object> config = new HashMap<>();
        // Fail a send within seconds when Kafka is away, so the caller backs off and retries instead of
        // blocking its thread for the 60 s/120 s defaults.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        // No lingering: the relay waits for each batch's acknowledgements, so the 5 ms default (Kafka 4) would
        // be 5 ms on every event's way to the projectors at a quiet moment; records sent while a request is in
        // flight are batched anyway. Measured: event time → projector transaction p50 17.4 → 14.9 ms.
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putAll(bootProducer);
        // Guarantee: an event counts as sent once all in-sync replicas have it, and retries never
        // duplicate or reorder it.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Guarantee: one request in flight per broker. With more, a partition the broker has only just created can
        // refuse the first request (NOT_LEADER_OR_FOLLOWER) and append the second; the first then fails with
        // OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout (KAFKA-15591; the broker's fix is newer than the
        // 3.9 broker embedded here), and the relay's retry of its batch sent the second request's events twice
        // (seen in CI: the relay's first batch to a fresh topic). Records sent while a request is in flight go
        // together in the next one.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        // Guarantee: keys are aggregate ids, values the event's JSON bytes, whatever spring.kafka.producer says.
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // Not Boot's transactional producer: our exactly-once lives in PostgreSQL, not in Kafka transactions.
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(bootProducer, clientId));
        return config;
    }

    /**
     * Settings of a consumer whose positions the caller keeps itself (in PostgreSQL, with what it wrote).
     *
     * @param clientId the client's id, prefixed with {@code spring.kafka.client-id} when that is set
     * @param groupId  the consumer group, or {@code null} for partitions assigned by hand
     */
    public Map<String, Object> consumerConfig(String clientId, String groupId) {
        Map<String, Object> config = new HashMap<>();
        // Records per poll: one poll is one PostgreSQL transaction; 500 keeps it short.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.putAll(bootConsumer);
        // Guarantee: offsets are stored with the projection, never committed to Kafka.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Guarantee: a projection without stored offsets starts from the first event, never the latest.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Guarantee: records of an aborted producer transaction are never projected.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // Guarantee: each projector is its own group (or none); spring.kafka.consumer.group-id does not apply.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(bootConsumer, clientId));
        return config;
    }

    /** Settings of an admin client (topic provisioning). */
    public Map<String, Object> adminConfig(String clientId) {
        Map<String, Object> config = new HashMap<>();
        // Start-up fails within seconds, with a message, when Kafka cannot be reached.
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        config.putAll(bootAdmin);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId(bootAdmin, clientId));
        return config;
    }

    /** A producer of {@link #producerConfig(String)}. */
    public Producer<String, byte[]> producer(String clientId) {
        return producer(producerConfig(clientId));
    }

    /** A producer of the given settings (start from {@link #producerConfig(String)}), with metrics. */
    public Producer<String, byte[]> producer(Map<String, Object> config) {
        return new MeteredProducer(config, meters);
    }

    /** A consumer of {@link #consumerConfig(String, String)}. */
    public Consumer<String, byte[]> consumer(String clientId, String groupId) {
        return consumer(consumerConfig(clientId, groupId));
    }

    /** A consumer of the given settings (start from {@link #consumerConfig(String, String)}), with metrics. */
    public KafkaConsumer<String, byte[]> consumer(Map<String, Object> config) {
        return new MeteredConsumer(config, meters);
    }

    /** An admin client of {@link #adminConfig(String)}, with metrics. */
    public Admin admin(String clientId) {
        AdminClient admin = AdminClient.create(adminConfig(clientId));
        if (meters == null) {
            return admin;
        }
        KafkaClientMetrics metrics = bind(new KafkaClientMetrics(admin), meters);
        // Admin is an interface of some sixty methods: a proxy unbinds the metrics on close.
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(admin, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (method.getName().equals("close")) {
                            unbind(metrics);
                        }
                    }
                });
    }

    private static String clientId(Map<String, Object> boot, String clientId) {
        Object prefix = boot.get(CommonClientConfigs.CLIENT_ID_CONFIG);
        return prefix == null || prefix.toString().isBlank() ? clientId : prefix + "-" + clientId;
    }

    private static KafkaClientMetrics bind(KafkaClientMetrics metrics, MeterRegistry meters) {
        if (metrics != null) {
            metrics.bindTo(meters);
        }
        return metrics;
    }

    private static void unbind(KafkaClientMetrics metrics) {
        if (metrics != null) {
            metrics.close();
        }
    }

    private static final class MeteredProducer extends KafkaProducer<String, byte[]> {
        private final KafkaClientMetrics metrics;

        MeteredProducer(Map<String, Object> config, MeterRegistry meters) {
            super(config);
            this.metrics = meters == null ? null : bind(new KafkaClientMetrics(this), meters);
        }

        @Override
        public void close(Duration timeout) {
            try {
                super.close(timeout);
            } finally {
                unbind(metrics);
            }
        }
    }

    private static final class MeteredConsumer extends KafkaConsumer<String, byte[]> {
        private final KafkaClientMetrics metrics;

        MeteredConsumer(Map<String, Object> config, MeterRegistry meters) {
            super(config);
            this.metrics = meters == null ? null : bind(new KafkaClientMetrics(this), meters);
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                unbind(metrics);
            }
        }

        @Override
        public void close(Duration timeout) {
            try {
                super.close(timeout);
            } finally {
                unbind(metrics);
            }
        }
    }
}
