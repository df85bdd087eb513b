package org.jingzhun.reporting.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.projection.ProjectedBatch;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.reporting.MigratedDatabase;
import org.jingzhun.reporting.audit.AuditTrail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail written beside a rebuild's other read models, on a connection of its own: a batch's rows commit
 * there before the rebuild's transaction that waits for them; a failure there fails that transaction and leaves no
 * row; and when another read model fails the batch after they committed, the record-by-record pass that follows
 * writes none of them twice.
 */
class WrittenBesideTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-27T13:12:00.123456Z");

    @TempDir
    static Path dataDirectory;
    static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.start(dataDirectory, 0);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void aBatchCommitsOnItsOwnConnectionBeforeTheTransactionWaitingForItCommits() throws SQLException {
        DataSource database = database("beside_commits");
        JdbcClient observer = JdbcClient.create(database);
        List<ProjectedEvent> batch = events(3);
        try (Rebuild rebuild = new Rebuild(database)) {
            rebuild.transactions.executeWithoutResult(status -> {
                rebuild.beside.applyAll(batch);
                rebuild.beside.beforeCommit(new ProjectedBatch("reporting", batch));
                // Committed by the other connection while the rebuild's transaction is still open.
                assertThat(auditedIds(observer)).containsExactlyInAnyOrderElementsOf(ids(batch));
                assertThat(rebuild.ownBackend()).isNotEqualTo(rebuild.besideBackend());
            });
        }
        assertThat(auditedIds(observer)).containsExactlyInAnyOrderElementsOf(ids(batch));
    }

    @Test
    void aFailureBesideFailsTheWaitingTransactionAndLeavesNoRow() throws SQLException {
        DataSource database = database("beside_fails");
        JdbcClient observer = JdbcClient.create(database);
        List<ProjectedEvent> batch = events(3);
        // The last payload is not JSON: PostgreSQL refuses the whole insert.
        batch.set(2, withJson(batch.get(2), "not json"));
        try (Rebuild rebuild = new Rebuild(database)) {
            assertThatThrownBy(() -> rebuild.transactions.executeWithoutResult(status -> {
                rebuild.beside.applyAll(batch);
                rebuild.own.sql("CREATE TABLE written_here (n INT)").update();
                rebuild.beside.beforeCommit(new ProjectedBatch("reporting", batch));
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("AuditTrail failed beside the rebuild");
            assertThat(auditedIds(observer)).isEmpty();
            assertThat(observer.sql("SELECT to_regclass('written_here') IS NULL").query(Boolean.class).single())
                    .as("the rebuild's own transaction rolled back").isTrue();

            // Then record by record, on the rebuild's connection: the two good events are written, the bad one fails.
            for (ProjectedEvent event : batch) {
                try {
                    rebuild.transactions.executeWithoutResult(status -> rebuild.beside.apply(event));
                } catch (RuntimeException e) {
                    assertThat(event.eventId()).isEqualTo(batch.get(2).eventId());
                }
            }
        }
        assertThat(auditedIds(observer)).containsExactlyInAnyOrderElementsOf(ids(batch.subList(0, 2)));
    }

    @Test
    void anotherReadModelFailingTheBatchFindsItsRowsOnceOnTheRecordByRecordPass() throws SQLException {
        DataSource database = database("other_fails");
        JdbcClient observer = JdbcClient.create(database);
        List<ProjectedEvent> batch = events(4);
        try (Rebuild rebuild = new Rebuild(database)) {
            assertThatThrownBy(() -> rebuild.transactions.executeWithoutResult(status -> {
                rebuild.beside.applyAll(batch);
                throw new IllegalStateException("the totals failed this batch");
            })).hasMessage("the totals failed this batch");
            // The rollback let the write beside end; it had committed its rows.
            assertThat(auditedIds(observer)).containsExactlyInAnyOrderElementsOf(ids(batch));
            List<Long> positions = positions(observer);

            for (ProjectedEvent event : batch) {
                rebuild.transactions.executeWithoutResult(status -> rebuild.beside.apply(event));
            }
            assertThat(positions(observer)).as("no row written again").isEqualTo(positions);
        }
    }

    /** A rebuild's connection, and the audit trail written beside it on a second one. */
    private static final class Rebuild implements AutoCloseable {
        final JdbcClient own;
        final TransactionTemplate transactions;
        final WrittenBeside beside;
        private final Connection connection;
        private final Connection besideConnection;

        Rebuild(DataSource database) throws SQLException {
            connection = database.getConnection();
            SingleConnectionDataSource scratch = new SingleConnectionDataSource(connection, true);
            own = JdbcClient.create(scratch);
            transactions = new TransactionTemplate(new DataSourceTransactionManager(scratch));
            besideConnection = database.getConnection();
            beside = new WrittenBeside(AuditTrail::new, own, besideConnection);
        }

        int ownBackend() {
            return own.sql("SELECT pg_backend_pid()").query(Integer.class).single();
        }

        int besideBackend() {
            return JdbcClient.create(new SingleConnectionDataSource(besideConnection, true))
                    .sql("SELECT pg_backend_pid()").query(Integer.class).single();
        }

        @Override
        public void close() throws SQLException {
            try {
                beside.close();
                assertThat(besideConnection.isClosed()).isTrue();
            } finally {
                connection.close();
            }
        }
    }

    private static DataSource database(String name) {
        return MigratedDatabase.of(postgres, name);
    }

    private static List<ProjectedEvent> events(int count) {
        List<ProjectedEvent> events = new ArrayList<>();
        EventType type = EventCatalog.byClass(MemberEnrolled.class).orElseThrow();
        for (int i = 0; i < count; i++) {
            MemberEnrolled payload = new MemberEnrolled("m-" + i, "org-1", MemberField.RURAL, MemberOccupation.NO_POST,
                    MemberStatus.REGULAR);
            events.add(new ProjectedEvent(type.topic(), 0, i, UUID.randomUUID().toString(), type, payload,
                    "{\"memberId\":\"m-" + i + "\",\"organizationId\":\"org-1\"}", "m-" + i, 0, T0.plusSeconds(i),
                    "admin", "hash-" + i, null));
        }
        return events;
    }

    private static ProjectedEvent withJson(ProjectedEvent event, String json) {
        return new ProjectedEvent(event.topic(), event.partition(), event.offset(), event.eventId(), event.type(),
                event.payload(), json, event.subject(), event.sequence(), event.time(), event.actor(), event.hash(),
                event.prevHash());
    }

    private static List<String> ids(List<ProjectedEvent> events) {
        return events.stream().map(ProjectedEvent::eventId).toList();
    }

    private static List<String> auditedIds(JdbcClient jdbc) {
        return jdbc.sql("SELECT event_id FROM audit_event").query(String.class).list();
    }

    private static List<Long> positions(JdbcClient jdbc) {
        return jdbc.sql("SELECT position FROM audit_event ORDER BY position").query(Long.class).list();
    }
}
