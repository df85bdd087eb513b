package org.jingzhun.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.embedded.MovableClock;
import org.jingzhun.platform.PlatformDatabase;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.jingzhun.platform.kafka.TopicProvisioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The relay's health on a real PostgreSQL with the platform's migrations, time moved by hand. */
class RelayHealthIndicatorTest {

    private static final Duration STUCK_AFTER = Duration.ofMinutes(2);
    @TempDir
    static Path dataDirectory;
    private static PlatformDatabase database;

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final MovableClock clock = new MovableClock(Instant.parse("2019-09-27T13:12:00Z"));
    private final RelaySettings settings = new RelaySettings("jingzhun.test.events", 100, Duration.ofSeconds(1),
            Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(5), STUCK_AFTER, 3);
    private RelayJournal journal;
    private KafkaRelay relay;
    private RelayHealthIndicator health;

    @BeforeAll
    static void startDatabase() {
        database = PlatformDatabase.start(dataDirectory.resolve("postgres"), "relay");
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyStore() {
        jdbc().sql("TRUNCATE domain_event_entry, token_entry, relay_log, relay_parked RESTART IDENTITY").update();
        journal = new RelayJournal(jdbc(), serializer, KafkaRelay.PROCESSING_GROUP);
        // Kafka is unreachable here: every batch the relay tries fails.
        relay = new KafkaRelay(settings, "/jingzhun/test", ZoneId.of("Asia/Shanghai"), () -> null,
                new TopicProvisioner(new KafkaSettings("localhost:1", 1, (short) 1, Duration.ofMillis(200))) {
                    @Override
                    public void ensureTopics(java.util.Collection<String> topics) {
                        throw new IllegalStateException("Kafka cannot be reached");
                    }
                },
                1_048_576, journal, serializer, new SimpleMeterRegistry());
        RelayProgress progress = new RelayProgress(clock);
        health = new RelayHealthIndicator(relay, journal, progress, settings, clock);
    }

    @Test
    void isUpWithNothingToRelay() {
        Health result = health.health();

        assertThat(result.getStatus()).isEqualTo(Status.UP);
        assertThat(result.getDetails()).containsEntry("lagEvents", 0L).containsEntry("parkedEvents", 0L);
    }

    @Test
    void isDownOncePendingEventsMakeNoProgressForLongerThanTheBound() {
        store();
        store();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        clock.advance(STUCK_AFTER.minusSeconds(1));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        clock.advance(Duration.ofSeconds(2));
        Health stuck = health.health();
        assertThat(stuck.getStatus()).isEqualTo(Status.DOWN);
        assertThat(stuck.getDetails()).containsEntry("lagEvents", 2L);
        assertThat((String) stuck.getDetails().get("reason")).contains("no progress");

        storeToken(2);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("lagEvents", 0L);
    }

    @Test
    void staysUpWhileTheRelayMovesThoughEventsKeepComing() {
        store();
        clock.advance(STUCK_AFTER.plusSeconds(1));
        storeToken(1);
        store();

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void isDownAfterRepeatedFailedBatches() {
        var message = new GenericDomainEventMessage<>("Organization", "o1", 0L,
                new OrganizationRegistered("o1", "兴隆镇党委", Tier.SECTION, Sector.TOWNSHIP, null));
        for (int i = 0; i < settings.failuresBeforeDown(); i++) {
            assertThatThrownBy(() -> relay.on(message)).isInstanceOf(RuntimeException.class);
        }

        Health failing = health.health();
        assertThat(failing.getStatus()).isEqualTo(Status.DOWN);
        assertThat(failing.getDetails()).containsEntry("consecutiveFailures", settings.failuresBeforeDown());
        assertThat(failing.getDetails()).containsKey("lastFailure");
    }

    @Test
    void isDownWhileAnEventIsParkedAndUpOnceAnOperatorResolvedIt() {
        String eventId = store();
        journal.park(ParkedEvent.of(eventId, "jingzhun.organization.OrganizationRegistered.v1", 2_000_000L,
                "too large"));
        storeToken(1);

        Health parked = health.health();
        assertThat(parked.getStatus()).isEqualTo(Status.DOWN);
        assertThat(parked.getDetails()).containsEntry("parkedEvents", 1L);

        journal.resolve(1, "ACKNOWLEDGED", "admin", "published by hand");
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(journal.parked(true)).singleElement()
                .satisfies(p -> assertThat(p.resolution()).isEqualTo("ACKNOWLEDGED"));
    }

    private String store() {
        String id = UUID.randomUUID().toString();
        jdbc().sql("""
                        INSERT INTO domain_event_entry (event_identifier, payload, payload_type, time_stamp,
                                                        aggregate_identifier, sequence_number, type)
                        VALUES (?, '\\x7b7d'::bytea, 'x', '2019-09-27T13:12:00Z', ?, 0, 'Organization')""")
                .params(id, id).update();
        return id;
    }

    private void storeToken(long index) {
        SerializedObject<byte[]> token = serializer.serialize(GapAwareTrackingToken.newInstance(index, Set.of()),
                byte[].class);
        jdbc().sql("""
                        INSERT INTO token_entry (processor_name, segment, token, token_type)
                        VALUES (?, 0, ?, ?)
                        ON CONFLICT (processor_name, segment) DO UPDATE SET token = EXCLUDED.token""")
                .params(KafkaRelay.PROCESSING_GROUP, token.getData(), token.getType().getName())
                .update();
    }

    private static JdbcClient jdbc() {
        return database.jdbc();
    }
}
