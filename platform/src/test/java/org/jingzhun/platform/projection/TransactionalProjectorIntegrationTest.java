package org.jingzhun.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.embedded.EmbeddedInfrastructure;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.kafka.KafkaClients;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.jingzhun.platform.kafka.TopicProvisioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The projector against a real PostgreSQL and a real Kafka broker, with two read models of its own that
 * record what they saw (one of which can be made to fail): savepoints per read model, dead letters and their
 * re-drive, the generation fence, forward-only offsets, pruning, an {@code Error} in its thread, and health.
 * Tests share the broker, the database and one projector, so each uses its own organization id.
 */
class TransactionalProjectorIntegrationTest {

    private static final String PROJECTOR = "projector-test";
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Duration STUCK_AFTER = Duration.ofSeconds(2);
    private static final int BULK_FROM = 5;
    private static final String TOPIC = Topics.CHECKLIST_EVENTS;
    private static final ObjectMapper JSON = EventJson.newMapper();

    @TempDir
    static Path dataDirectory;
    static EmbeddedInfrastructure infrastructure;
    static HikariDataSource dataSource;
    static JdbcClient jdbc;
    static KafkaProducer<String, byte[]> producer;
    static TransactionalProjector projector;
    static final MeterRegistry meters = new SimpleMeterRegistry();
    /** Organizations whose events the second read model refuses. */
    static final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** Organizations whose next event throws an Error (once) in the second read model. */
    static final Set<String> erring = ConcurrentHashMap.newKeySet();

    /** Records every event it sees in {@code seen}, under its name. */
    record Recording(String name, JdbcClient jdbc) implements Projection {
        @Override
        public void apply(ProjectedEvent event) {
            HonorRoomVisited visit = (HonorRoomVisited) event.payload();
            if (name.equals("second") && refused.contains(visit.organizationId())) {
                jdbc.sql("INSERT INTO seen (model, event_id, organization_id) VALUES (?, ?, ?)")
                        .params(name, event.eventId(), visit.organizationId()).update();
                throw new IllegalStateException("second refuses " + visit.organizationId());
            }
            if (name.equals("second") && erring.remove(visit.organizationId())) {
                throw new Error("a bug deep down, not an exception");
            }
            jdbc.sql("INSERT INTO seen (model, event_id, organization_id) VALUES (?, ?, ?)")
                    .params(name, event.eventId(), visit.organizationId()).update();
        }
    }

    @BeforeAll
    static void start() {
        infrastructure = EmbeddedInfrastructure.start(dataDirectory);
        infrastructure.postgres().createDatabaseIfMissing("projector");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(infrastructure.postgres().jdbcUrl("projector"));
        config.setUsername(infrastructure.postgres().username());
        config.setMaximumPoolSize(6);
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/jingzhun-platform").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE TABLE seen (model TEXT NOT NULL, event_id TEXT NOT NULL, organization_id TEXT NOT NULL)")
                .update();
        String kafka = infrastructure.kafka().bootstrapServers();
        KafkaSettings settings = new KafkaSettings(kafka, 3, (short) 1, BOUND);
        new TopicProvisioner(settings).ensureTopics(List.of(TOPIC, Topics.deadLetter(TOPIC)));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(props);
        projector = new TransactionalProjector(PROJECTOR, List.of(TOPIC),
                List.of(new Recording("first", jdbc), new Recording("second", jdbc)), List.of(),
                new RecordDecoder((type, json) -> { }), KafkaClients.of(settings), jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), meters,
                new ProjectorSettings(STUCK_AFTER, 2, Duration.ZERO, Duration.ofHours(1), BULK_FROM));
        projector.writer().generation();
        projector.start();
    }

    @AfterAll
    static void stop() {
        if (projector != null) {
            projector.stop();
        }
        if (producer != null) {
            producer.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @BeforeEach
    void healthy() {
        await().atMost(BOUND).until(() -> projector.health().getStatus().equals(Status.UP));
    }

    @Test
    void keepsAnEventForTheReadModelThatTookItParksItForTheOtherAndRedrivesItOnce() {
        String org = org();
        refused.add(org);
        String eventId = UUID.randomUUID().toString();
        RecordMetadata sent = send(eventId, org, 3);
        awaitCommitted(sent);

        assertThat(seen(org)).containsExactly("first:" + eventId);
        DeadLetters.Page page = projector.deadLetters().list(PROJECTOR, TOPIC, DeadLetters.PARKED, 0, 50);
        DeadLetters.Stored letter = page.items().stream().filter(l -> eventId.equals(l.eventId())).findFirst()
                .orElseThrow();
        assertThat(letter.readModels()).containsExactly("second");
        assertThat(letter.reason()).contains("projection failed in second").contains("second refuses " + org);
        assertThat(letter.offset()).isEqualTo(sent.offset());
        assertThat(letter.headers()).containsEntry("ce_id", eventId);
        assertThat(letter.value()).contains("\"organizationId\":\"" + org + "\"");

        RedriveResult stillBroken = projector.redrive(letter.id());
        assertThat(stillBroken.outcome()).isEqualTo(RedriveResult.Outcome.STILL_FAILING);
        assertThat(stillBroken.reason()).contains("second refuses " + org);
        assertThat(seen(org)).containsExactly("first:" + eventId);

        refused.remove(org);
        assertThat(projector.redrive(letter.id()).outcome()).isEqualTo(RedriveResult.Outcome.REDRIVEN);
        assertThat(projector.redrive(letter.id()).outcome()).isEqualTo(RedriveResult.Outcome.ALREADY_REDRIVEN);
        assertThat(seen(org)).containsExactlyInAnyOrder("first:" + eventId, "second:" + eventId);
        DeadLetters.Stored done = projector.deadLetters().find(PROJECTOR, letter.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(DeadLetters.REDRIVEN);
        assertThat(done.attempts()).isEqualTo(2);
    }

    @Test
    void parksAPoisonRecordWholeAndRedrivesNothingWhileItStaysPoison() {
        String org = org();
        ProducerRecord<String, byte[]> record = record(UUID.randomUUID().toString(), org, 1);
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(TOPIC, null, org,
                "{not json".getBytes(StandardCharsets.UTF_8), record.headers());
        RecordMetadata sent = send(poison);
        awaitCommitted(sent);

        DeadLetters.Stored letter = projector.deadLetters().list(PROJECTOR, TOPIC, null, 0, 200).items().stream()
                .filter(l -> l.offset() == sent.offset() && l.partition() == sent.partition()).findFirst().orElseThrow();
        assertThat(letter.readModels()).isEmpty();
        assertThat(letter.reason()).startsWith("not JSON");
        assertThat(projector.redrive(letter.id()).outcome()).isEqualTo(RedriveResult.Outcome.STILL_FAILING);
        assertThat(seen(org)).isEmpty();
    }

    @Test
    void restartsItsLoopAfterAnErrorAndAppliesTheEventOnce() {
        String org = org();
        erring.add(org);
        double restartsBefore = meters.get("jingzhun.projection.restarts").counter().count();
        String eventId = UUID.randomUUID().toString();
        awaitCommitted(send(eventId, org, 66));

        assertThat(erring).doesNotContain(org);
        assertThat(meters.get("jingzhun.projection.restarts").counter().count()).isEqualTo(restartsBefore + 1);
        assertThat(seen(org)).containsExactlyInAnyOrder("first:" + eventId, "second:" + eventId);
        assertThat(projector.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void turnsDownWhileStuckAndUpOnceItMovesAgain() throws Exception {
        String org = org();
        RecordMetadata sent;
        // Another transaction holds the fence's row: the projector's next transaction waits on it.
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("SELECT * FROM projector_generation WHERE projector = '" + PROJECTOR + "' FOR UPDATE");
            }
            sent = send(UUID.randomUUID().toString(), org, 2);
            await().atMost(BOUND).until(() -> projector.health().getStatus().equals(Status.DOWN));
            // Whichever bound it crossed first: the round hanging on the lock, or the waiting record not committed.
            assertThat(projector.health().getDetails().get("reason").toString())
                    .containsAnyOf("has not finished", "none was committed");
            blocker.commit();
        }
        awaitCommitted(sent);
        await().atMost(BOUND).until(() -> projector.health().getStatus().equals(Status.UP));
        assertThat(seen(org)).hasSize(2);
    }

    @Test
    void neverMovesAStoredOffsetBackwards() {
        TopicPartition partition = partitionOfAProjectedRecord();
        long stored = projector.writer().storedOffsets().get(partition);

        storeOffsets(Map.of(partition, 0L));

        assertThat(projector.writer().storedOffsets().get(partition)).isEqualTo(stored);
    }

    @Test
    void storesSeveralPartitionsOffsetsAtOnceEachOnlyForward() {
        TopicPartition live = partitionOfAProjectedRecord();
        long stored = projector.writer().storedOffsets().get(live);
        TopicPartition first = new TopicPartition("offsets-test", 0);
        TopicPartition second = new TopicPartition("offsets-test", 1);
        try {
            storeOffsets(Map.of(second, 7L, live, 0L, first, 3L));
            storeOffsets(Map.of(first, 5L, second, 6L));

            Map<TopicPartition, Long> now = projector.writer().storedOffsets();
            assertThat(now.get(live)).isEqualTo(stored);
            assertThat(now.get(first)).isEqualTo(5L);
            assertThat(now.get(second)).isEqualTo(7L);
        } finally {
            jdbc.sql("DELETE FROM projector_offset WHERE topic = 'offsets-test'").update();
        }
    }

    /** Sends a record, waits until the projector committed it, and returns its partition. */
    private TopicPartition partitionOfAProjectedRecord() {
        RecordMetadata sent = send(UUID.randomUUID().toString(), org(), 1);
        awaitCommitted(sent);
        return new TopicPartition(TOPIC, sent.partition());
    }

    private void storeOffsets(Map<TopicPartition, Long> offsets) {
        projector.writer().transactions().executeWithoutResult(status -> projector.writer().storeOffsets(offsets));
    }

    @Test
    void rewindsToTheNewTablesOffsetsWhenTheGenerationMoves() {
        String org = org();
        String first = UUID.randomUUID().toString();
        RecordMetadata sent = send(first, org, 1);
        awaitCommitted(sent);
        TopicPartition partition = new TopicPartition(TOPIC, sent.partition());

        // What a replay's swap does, in one transaction: the tables replaced by ones that stop before this
        // record (here: the same tables, set back), and the generation bumped.
        projector.writer().transactions().executeWithoutResult(status -> {
            jdbc.sql("UPDATE projector_generation SET generation = generation + 1 WHERE projector = ?")
                    .param(PROJECTOR).update();
            jdbc.sql("UPDATE projector_offset SET next_offset = ? WHERE projector = ? AND topic = ? AND partition_no = ?")
                    .params(sent.offset(), PROJECTOR, TOPIC, sent.partition()).update();
            jdbc.sql("DELETE FROM projector_applied_event WHERE projector = ? AND event_id = ?")
                    .params(PROJECTOR, first).update();
            jdbc.sql("DELETE FROM seen WHERE organization_id = ?").param(org).update();
        });
        // The next record makes the projector try a transaction: it fails at the fence, rewinds, re-reads.
        String second = UUID.randomUUID().toString();
        awaitCommitted(send(second, org, 1));

        assertThat(seen(org)).containsExactlyInAnyOrder("first:" + first, "second:" + first, "first:" + second,
                "second:" + second);
        assertThat(projector.writer().storedOffsets().get(partition)).isGreaterThan(sent.offset() + 1);
    }

    @Test
    void prunesAppliedIdsTheOffsetsMadeRedundantYetStillIgnoresARecentRedelivery() {
        String org = org();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        RecordMetadata last = null;
        for (String id : ids) {
            last = send(id, org, 1);
        }
        awaitCommitted(last);

        // Kept: the ids of the last two records of the partition (keepAppliedRecords = 2); age plays no part (0).
        projector.pruneAppliedEvents();
        assertThat(appliedIds(ids)).containsExactlyInAnyOrder(ids.get(2), ids.get(3));

        double duplicates = meters.get("jingzhun.projection.duplicates").counter().count();
        awaitCommitted(send(ids.get(3), org, 1));
        assertThat(meters.get("jingzhun.projection.duplicates").counter().count()).isEqualTo(duplicates + 1);
        assertThat(seen(org)).hasSize(8);
    }

    @Test
    void appliesABatchInBulkAsRecordByRecordAndDeadLettersARecordFailingInTheDatabaseTheSameWay() {
        String org = org();
        String refusedOrg = org();
        refused.add(refusedOrg);
        String name = "bulk-" + UUID.randomUUID();
        ProjectionWriter writer = new ProjectionWriter(name, List.of(new Recording("first", jdbc),
                new Recording("second", jdbc)), new RecordDecoder((type, json) -> { }), jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), List.of());
        long generation = writer.generation();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        ProducerRecord<String, byte[]> poison = record(UUID.randomUUID().toString(), org, 1);
        List<ConsumerRecord<String, byte[]>> batch = List.of(consumed(record(ids.get(0), org, 1), 10),
                consumed(record(ids.get(1), refusedOrg, 2), 11), consumed(record(ids.get(0), org, 1), 12),
                consumed(new ProducerRecord<>(TOPIC, null, org, "{not json".getBytes(StandardCharsets.UTF_8),
                        poison.headers()), 13),
                consumed(record(ids.get(2), org, 3), 14));
        List<DeadLetter> sunk = new ArrayList<>();

        ProjectionWriter.Outcome outcome = writer.applyInBulk(batch, generation, sunk::addAll);

        // As apply() leaves it: the refused record kept by the first read model, parked for the second.
        assertThat(outcome.applied()).extracting(ProjectedEvent::eventId).containsExactly(ids.toArray(String[]::new));
        assertThat(outcome.duplicates()).isEqualTo(1);
        assertThat(outcome.deadLetters()).extracting(letter -> letter.record().offset() + ":" + letter.readModels())
                .containsExactlyInAnyOrder("11:[second]", "13:[]");
        assertThat(sunk).isEqualTo(outcome.deadLetters());
        assertThat(seen(org)).containsExactlyInAnyOrder("first:" + ids.get(0), "first:" + ids.get(2),
                "second:" + ids.get(0), "second:" + ids.get(2));
        assertThat(seen(refusedOrg)).containsExactly("first:" + ids.get(1));
        assertThat(writer.storedOffsets()).containsEntry(new TopicPartition(TOPIC, 0), 15L);

        // Once applied, the same records again are duplicates only; a fresh one is applied set-based.
        String next = UUID.randomUUID().toString();
        ProjectionWriter.Outcome again = writer.applyInBulk(List.of(consumed(record(ids.get(0), org, 1), 10),
                consumed(record(next, org, 4), 15)), generation, letters -> { });
        assertThat(again.applied()).extracting(ProjectedEvent::eventId).containsExactly(next);
        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(again.deadLetters()).isEmpty();
        assertThat(seen(org)).hasSize(6);
    }

    @Test
    void drainsABacklogSetBasedAndStillParksTheRecordOneReadModelRefuses() {
        String org = org();
        String refusedOrg = org();
        refused.add(refusedOrg);
        double bulkBefore = meters.get("jingzhun.projection.batches").tag("mode", "bulk").counter().count();
        List<String> ids = new ArrayList<>();
        String refusedId = UUID.randomUUID().toString();
        RecordMetadata refusedRecord;
        RecordMetadata last = null;
        projector.stop();
        try {
            for (int i = 0; i < 40; i++) {
                ids.add(UUID.randomUUID().toString());
                send(ids.get(i), org, i + 1);
            }
            send(ids.get(7), org, 8); // a redelivery inside the backlog
            refusedRecord = send(refusedId, refusedOrg, 1);
            for (int i = 40; i < 43; i++) {
                ids.add(UUID.randomUUID().toString());
                last = send(ids.get(i), org, i + 1);
            }
        } finally {
            projector.start();
        }
        awaitCommitted(last);
        awaitCommitted(refusedRecord);

        assertThat(meters.get("jingzhun.projection.batches").tag("mode", "bulk").counter().count())
                .as("a backlog of 45 records reached the set-based path").isGreaterThan(bulkBefore);
        List<String> expected = new ArrayList<>();
        ids.forEach(id -> expected.addAll(List.of("first:" + id, "second:" + id)));
        assertThat(seen(org)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(seen(refusedOrg)).containsExactly("first:" + refusedId);
        DeadLetters.Page page = projector.deadLetters().list(PROJECTOR, TOPIC, DeadLetters.PARKED, 0, 50);
        assertThat(page.items()).filteredOn(letter -> refusedId.equals(letter.eventId()))
                .singleElement().satisfies(letter -> assertThat(letter.readModels()).containsExactly("second"));
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent, long offset) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(sent.topic(), 0, offset, sent.key(), sent.value());
        sent.headers().forEach(header -> record.headers().add(header));
        return record;
    }

    private static List<String> appliedIds(List<String> ids) {
        return jdbc.sql("SELECT event_id FROM projector_applied_event WHERE projector = :projector AND event_id IN (:ids)")
                .param("projector", PROJECTOR).param("ids", ids).query(String.class).list();
    }

    private static List<String> seen(String org) {
        return jdbc.sql("SELECT model || ':' || event_id FROM seen WHERE organization_id = ? ORDER BY model")
                .param(org).query(String.class).list();
    }

    /** Waits until the projector stored an offset past the record, i.e. committed it. */
    private static void awaitCommitted(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        await().atMost(BOUND).until(() -> projector.writer().storedOffsets().getOrDefault(partition, 0L) > record.offset());
    }

    private static String org() {
        return "org-" + UUID.randomUUID();
    }

    private static RecordMetadata send(String eventId, String org, int visitors) {
        return send(record(eventId, org, visitors));
    }

    private static RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A visit in the wire format; all of one organization on one key, hence one partition. */
    private static ProducerRecord<String, byte[]> record(String eventId, String org, int visitors) {
        HonorRoomVisited visit = new HonorRoomVisited("record-" + org, org, "campaign", LocalDate.of(2019, 9, 20),
                visitors);
        EventType type = EventCatalog.byClass(HonorRoomVisited.class).orElseThrow();
        byte[] value;
        try {
            value = JSON.writeValueAsBytes(visit);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, org, value);
        put(record, "ce_id", eventId);
        put(record, "ce_type", type.cloudEventType());
        put(record, "ce_time", OffsetDateTime.parse("2019-09-20T10:00:00+08:00").toString());
        put(record, "ce_subject", "record-" + org);
        return record;
    }

    private static void put(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
