package org.jingzhun.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.jingzhun.contracts.audit.EventHash;
import org.jingzhun.contracts.audit.EventStoreChains;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier against a real PostgreSQL event store laid out as the writing services lay it out (Axon's
 * {@code domain_event_entry}, hashes in the JSON metadata as {@code EventChainInterceptor} puts them),
 * then tampered with in SQL.
 */
class VerifyEventStoreIntegrationTest {

    private static final String TYPE = "org.jingzhun.contracts.rectification.ProblemRectified";
    private static final Instant T = Instant.parse("2026-12-03T08:00:00.123456789Z");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path data;
    static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.start(data, 0);
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    /**
     * A fresh event store: problems p0 and p1 with three public events each, p0 with a non-public event
     * between its first two (it carries the chain's head as its previous hash only); returns its database.
     */
    private static String eventStore() throws SQLException {
        String database = "events_" + DATABASES.incrementAndGet();
        postgres.createDatabaseIfMissing(database);
        try (Connection c = postgres.dataSource(database).getConnection(); Statement ddl = c.createStatement()) {
            ddl.execute("""
                    CREATE TABLE domain_event_entry (
                        global_index BIGSERIAL PRIMARY KEY, event_identifier VARCHAR(255) NOT NULL UNIQUE,
                        meta_data BYTEA, payload BYTEA NOT NULL, payload_revision VARCHAR(255),
                        payload_type VARCHAR(255) NOT NULL, time_stamp VARCHAR(255) NOT NULL,
                        aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, type VARCHAR(255),
                        UNIQUE (aggregate_identifier, sequence_number))""");
            String[] heads = {EventHash.GENESIS, EventHash.GENESIS};
            long[] sequences = {0, 0};
            for (int i = 0; i < 3; i++) {
                for (int p = 0; p < 2; p++) {
                    String aggregate = "p" + p;
                    if (p == 0 && i == 1) {
                        insert(c, aggregate + "-named", "org.jingzhun.organization.member.MemberNamed", aggregate,
                                sequences[p]++, "{\"name\":\"张三\"}", "{\"jingzhun_prev_hash\":\"" + heads[p] + "\"}");
                    }
                    String id = aggregate + "-e" + i;
                    Instant time = T.plusSeconds(60L * i + p);
                    String payload = "{\"problemId\":\"" + aggregate + "\",\"evidence\":\"整改第" + i + "步\"}";
                    String hash = EventHash.of(heads[p], id, "jingzhun.rectification.ProblemRectified.v1", aggregate,
                            sequences[p], time, payload);
                    insert(c, id, TYPE, aggregate, sequences[p]++, payload, "{\"actor\":\"clerk\",\"jingzhun_hash\":\""
                            + hash + "\",\"jingzhun_prev_hash\":\"" + heads[p] + "\"}", time);
                    heads[p] = hash;
                }
            }
        }
        return database;
    }

    private static void insert(Connection c, String id, String payloadType, String aggregate, long sequence,
                               String payload, String metaData) throws SQLException {
        insert(c, id, payloadType, aggregate, sequence, payload, metaData, T);
    }

    private static void insert(Connection c, String id, String payloadType, String aggregate, long sequence,
                               String payload, String metaData, Instant time) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_type, time_stamp,
                                                aggregate_identifier, sequence_number, type)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'Problem')""")) {
            insert.setString(1, id);
            insert.setBytes(2, metaData.getBytes(StandardCharsets.UTF_8));
            insert.setBytes(3, payload.getBytes(StandardCharsets.UTF_8));
            insert.setString(4, payloadType);
            insert.setString(5, time.toString());
            insert.setString(6, aggregate);
            insert.setLong(7, sequence);
            insert.executeUpdate();
        }
    }

    private static void sql(String database, String... statements) throws SQLException {
        try (Connection c = postgres.dataSource(database).getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static String[] verify(String database) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Verify.run(new String[] {"--event-store", postgres.jdbcUrl(database), "--db-user",
                        postgres.username()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void anIntactEventStoreExitsZero() throws Exception {
        String[] outcome = verify(eventStore());

        assertThat(outcome[0]).as(outcome[1]).isEqualTo("0");
        assertThat(outcome[1]).contains("Events checked: 6 in 2 chains").contains("1 non-public events")
                .contains("INTACT");
    }

    @Test
    void aPayloadByteChangedInTheEventStoreIsNamed() throws Exception {
        String database = eventStore();
        sql(database, "UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " '第1步', '第7步'), 'UTF8') WHERE event_identifier = 'p1-e1'");

        String[] outcome = verify(database);

        assertThat(outcome[0]).isEqualTo("1");
        assertThat(outcome[1]).contains("first broken event p1-e1: changed");
    }

    @Test
    void anEventDeletedFromTheEventStoreIsNamedByTheNextOfItsChain() throws Exception {
        String database = eventStore();
        sql(database, "DELETE FROM domain_event_entry WHERE event_identifier = 'p0-e1'");

        String[] outcome = verify(database);

        assertThat(outcome[0]).isEqualTo("1");
        assertThat(outcome[1]).contains("first broken event p0-e2: the event before it in its chain");
    }

    @Test
    void twoEventsReorderedInTheEventStoreAreNamed() throws Exception {
        String database = eventStore();
        // p1's events 1 and 2 swap their sequence numbers (their places in the aggregate's stream).
        sql(database,
                "UPDATE domain_event_entry SET sequence_number = -1 WHERE event_identifier = 'p1-e1'",
                "UPDATE domain_event_entry SET sequence_number = 1 WHERE event_identifier = 'p1-e2'",
                "UPDATE domain_event_entry SET sequence_number = 2 WHERE event_identifier = 'p1-e1'");

        String[] outcome = verify(database);

        assertThat(outcome[0]).isEqualTo("1");
        assertThat(outcome[1]).contains("first broken event p1-e2: changed").contains("event p1-e1: changed");
    }

    @Test
    void theTypeOfAStoredEventIsItsCatalogTypeReadFromItsClassAndRevision() {
        // Every public event of the catalog (read with Axon on the classpath here, as the services do).
        for (org.jingzhun.contracts.EventType type : org.jingzhun.contracts.EventCatalog.all()) {
            assertThat(EventStoreChains.cloudEventType(type.eventClass().getName(), type.revision()))
                    .as(type.name()).isEqualTo(type.cloudEventType());
        }
        assertThat(EventStoreChains.cloudEventType("org.jingzhun.organization.member.MemberNamed", null))
                .isNull();
        assertThat(EventStoreChains.cloudEventType("org.jingzhun.contracts.rectification.ProblemLogged", null))
                .isEqualTo("jingzhun.rectification.ProblemLogged.v1");
    }

    @Test
    void badArgumentsExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Verify.run(new String[] {"--event-store", "jdbc:postgresql://x", "--ndjson", "f"}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--event-store is checked on its own");
    }
}
