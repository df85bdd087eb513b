package org.jingzhun.reporting.totals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.MemberLeft;
import org.jingzhun.contracts.organization.MemberRecategorized;
import org.jingzhun.contracts.organization.MemberTransferred;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationReclassified;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.organization.OrganizationRenamed;
import org.jingzhun.contracts.rectification.Measure;
import org.jingzhun.contracts.rectification.ProblemDeadlineExtended;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.ProblemReopened;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.contracts.rectification.RectificationVerified;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.projection.Projection;
import org.jingzhun.reporting.MigratedDatabase;
import org.jingzhun.reporting.audit.AuditTrail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A replay applies a batch set-based ({@code Projection.applyAll}); the live projector applies each event
 * ({@code apply}). Both must leave the same rows, row for row, in every table of the totals and in the audit
 * trail: a history with every kind of fact, second copies of facts under other event ids, changes of the
 * same organization and member within one batch, and a payload holding U+0000.
 */
class BulkProjectionTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-27T13:12:00.123456Z");
    private static final LocalDate DAY = LocalDate.of(2019, 9, 20);
    private static final List<String> TABLES = List.of("organization", "organization_history", "member",
            "member_history", "problem", "problem_history", "honor_room_visit", "study_session", "study_day",
            "study_note", "research", "checklist_completion", "special_rectification", "projection_stats",
            "projected_events_at", "projected_events_hourly", "totals_hourly", "totals_by_second", "audit_event");

    private static final Map<JdbcClient, DataSource> DATA_SOURCES = new HashMap<>();

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
    void leavesRowForRowWhatApplyingEachEventLeaves() {
        History history = history();
        JdbcClient oneByOne = database("one_by_one");
        JdbcClient inBulk = database("in_bulk");

        for (List<ProjectedEvent> batch : history.batches()) {
            transaction(oneByOne, () -> readModels(oneByOne).forEach(model -> batch.forEach(model::apply)));
            transaction(inBulk, () -> readModels(inBulk).forEach(model -> model.applyAll(batch)));
        }

        for (String table : TABLES) {
            assertThat(rows(inBulk, table)).as(table).isEqualTo(rows(oneByOne, table)).isNotEmpty();
        }
        assertThat(rows(inBulk, "study_session")).hasSize(2);
        assertThat(rows(inBulk, "audit_event")).hasSize(history.events().size());
    }

    /**
     * A rebuild's load leaves the roll-ups out and fills them from the rows at its end ({@code Projection.loaded});
     * what it applies after that (its catch-up) it rolls up as the live projector does. The roll-ups are then those
     * of the projection that kept them all along, but for bins whose ups and downs cancel out (rows of 0).
     */
    @Test
    void aRebuildsLoadFillsTheRollUpsFromTheRowsAtItsEnd() {
        History history = history();
        JdbcClient live = database("kept_all_along");
        JdbcClient rebuilt = database("filled_after_load");
        TotalsProjection rebuilding = new TotalsProjection(rebuilt).deferringRollUps();
        List<Projection> rebuiltModels = List.of(rebuilding, new AuditTrail(rebuilt));

        List<List<ProjectedEvent>> batches = history.batches();
        for (List<ProjectedEvent> batch : batches) {
            transaction(live, () -> readModels(live).forEach(model -> batch.forEach(model::apply)));
        }
        transaction(rebuilt, () -> rebuiltModels.forEach(model -> model.applyAll(batches.get(0))));
        assertThat(rows(rebuilt, "totals_hourly")).isEmpty();
        assertThat(rows(rebuilt, "totals_by_second")).isEmpty();
        transaction(rebuilt, () -> rebuiltModels.forEach(Projection::loaded));
        transaction(rebuilt, () -> rebuiltModels.forEach(model -> model.applyAll(batches.get(1))));

        for (String table : TABLES) {
            if (table.startsWith("totals_")) {
                assertThat(rolledUp(rebuilt, table)).as(table).isEqualTo(rolledUp(live, table)).isNotEmpty();
            } else {
                assertThat(rows(rebuilt, table)).as(table).isEqualTo(rows(live, table)).isNotEmpty();
            }
        }
    }

    @Test
    void failsTheWholeBatchWhenAChangedRowDoesNotExist() {
        JdbcClient jdbc = database("unknown_member");
        List<ProjectedEvent> batch = new ArrayList<>();
        add(batch, new MemberEnrolled("m-1", "org-1", MemberField.RURAL, MemberOccupation.NO_POST,
                MemberStatus.REGULAR), 1);
        add(batch, new MemberTransferred("m-9", "org-2", "org-1"), 2);

        assertThatThrownBy(() -> transaction(jdbc, () -> new TotalsProjection(jdbc).applyAll(batch)))
                .isInstanceOf(UnprojectableEvent.class).hasMessageContaining("member m-9 is unknown");
        // Rolled back whole (the projector then applies the batch event by event and dead-letters the transfer).
        assertThat(rows(jdbc, "member")).isEmpty();
        assertThat(rows(jdbc, "member_history")).isEmpty();
        assertThat(rows(jdbc, "totals_hourly")).isEmpty();
    }

    @Test
    void theMigrationsRollUpWhatAnOlderDatabaseHoldsAsTheProjectionWould() {
        History history = history();
        JdbcClient projected = database("rolled_up_by_projection");
        for (List<ProjectedEvent> batch : history.batches()) {
            transaction(projected, () -> readModels(projected).forEach(model -> batch.forEach(model::apply)));
        }
        // A database of before V2_97: the same rows, the roll-ups of then (no visits, problems, seconds).
        JdbcClient older = database("rolled_up_by_migration", "2.96");
        for (String table : List.of("honor_room_visit", "problem_history", "study_note", "study_session", "research",
                "member_history")) {
            copy(projected, older, table, "TRUE");
        }
        copy(projected, older, "totals_hourly", "measure NOT IN ('honor_room', 'problems')");

        JdbcClient upgraded = database("rolled_up_by_migration");

        for (String rollUps : List.of("totals_hourly", "totals_by_second")) {
            assertThat(rolledUp(upgraded, rollUps)).as(rollUps)
                    .isEqualTo(rolledUp(projected, rollUps))
                    .anyMatch(row -> row.contains("honor_room")).anyMatch(row -> row.contains("problems"))
                    .anyMatch(row -> row.contains("members")).anyMatch(row -> row.contains("study_notes"));
        }
    }

    /** Copies the rows of {@code table} that {@code where} selects into the same table of {@code to}. */
    private static void copy(JdbcClient from, JdbcClient to, String table, String where) {
        String rows = from.sql("SELECT coalesce(json_agg(t), '[]') FROM " + table + " AS t WHERE " + where)
                .query(String.class).single();
        to.sql("INSERT INTO " + table + " SELECT * FROM json_populate_recordset(NULL::" + table + ", CAST(? AS JSON))")
                .param(rows).update();
    }

    /** Events applied in two batches, the first {@code firstBatch} of them in the first. */
    private record History(List<ProjectedEvent> events, int firstBatch) {
        List<List<ProjectedEvent>> batches() {
            return List.of(events.subList(0, firstBatch), events.subList(firstBatch, events.size()));
        }
    }

    private static History history() {
        List<ProjectedEvent> events = new ArrayList<>();
        String org = "org-1";
        add(events, new OrganizationRegistered(org, "兴隆镇党委", Tier.SECTION, Sector.TOWNSHIP, null), 0);
        add(events, new OrganizationRegistered("org-2", "支部\uFFFD二", Tier.BRANCH, Sector.VILLAGE, org), 0);
        add(events, new MemberEnrolled("m-1", org, MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.REGULAR), 1);
        add(events, new MemberEnrolled("m-2", org, MemberField.OTHER, MemberOccupation.OTHER, MemberStatus.MOBILE), 1);
        add(events, new MemberTransferred("m-1", "org-2", org), 2);
        add(events, new OrganizationRenamed(org, "兴隆镇党委（新）", "兴隆镇党委"), 2);
        for (int copy = 0; copy < 2; copy++) {
            add(events, new StudyNoteRecorded("r-1", "note-1", org, "c-1", "m-1", StudyNoteKind.NOTES, DAY), 3 + copy);
            add(events, new StudySessionHeld("r-1", "session-1", org, "c-1", DAY, 1.5, StudyFormat.CONCENTRATED,
                    List.of("《学习纲要》"), 20, List.of()), 3 + copy);
            add(events, new ResearchSubmitted("r-1", "research-1", org, "c-1", ResearchKind.GOLDEN_IDEA, "金点子", null,
                    DAY), 3 + copy);
            add(events, new ChecklistItemCompleted("r-1", "completion-1", org, "c-1", ChecklistItem.PLAN, DAY, null),
                    3 + copy);
            add(events, new SpecialRectificationLaunched("sr-1", "c-1", "专项整治", null, org), 3 + copy);
        }
        add(events, new HonorRoomVisited("r-1", org, "c-1", DAY, 12), 4);
        add(events, new HonorRoomVisited("r-1", org, "c-1", DAY, 3), 4);
        add(events, new ProblemLogged("p-1", org, "c-1", FocusArea.SERVING_THE_MASSES, ProblemSource.SELF_INSPECTION,
                "sr-1", "办事难", "王五", Instant.parse("2019-10-31T16:00:00Z")), 5);
        add(events, new ProblemRectified("p-1", org, "c-1", "已整改", List.of()), 6);
        add(events, new MemberLeft("m-2", org), 6);
        // Changes of the same rows within one batch, each in its order: one at the same instant as the one before
        // (one version, the last), one recorded before the row's current version began (taken as made then), a
        // second copy of a creating event, and a problem's whole lifecycle.
        add(events, new MemberRecategorized("m-1", "org-2", MemberField.ENTERPRISE, MemberOccupation.OTHER,
                MemberStatus.ELDERLY_INFIRM), 2);
        add(events, new MemberEnrolled("m-3", "org-2", MemberField.RURAL, MemberOccupation.OTHER, MemberStatus.MOBILE), 5);
        add(events, new MemberRecategorized("m-3", "org-2", MemberField.RURAL, MemberOccupation.NO_POST,
                MemberStatus.REGULAR), 4);
        add(events, new MemberEnrolled("m-3", "org-2", MemberField.RURAL, MemberOccupation.OTHER, MemberStatus.MOBILE), 5);
        add(events, new OrganizationReclassified("org-2", Tier.SECTION, Sector.ORGAN, Tier.BRANCH, Sector.VILLAGE), 3);
        add(events, new OrganizationRenamed("org-2", "支部二", "支部\uFFFD二"), 3);
        add(events, new ProblemLogged("p-2", "org-2", "c-1", FocusArea.SERVING_THE_MASSES, ProblemSource.SUPERVISION,
                null, "办事慢", "李四", Instant.parse("2019-10-01T16:00:00Z")), 5);
        add(events, new RectificationMeasuresSet("p-2", "org-2", "c-1", List.of(new Measure("整改", DAY))), 5);
        add(events, new RectificationVerified("p-1", org, "c-1", "admin", "好"), 7);
        add(events, new ProblemReopened("p-1", org, "c-1", "又犯了"), 8);
        add(events, new ProblemLogged("p-2", "org-2", "c-1", FocusArea.SERVING_THE_MASSES, ProblemSource.SUPERVISION,
                null, "办事慢", "李四", Instant.parse("2019-10-01T16:00:00Z")), 9);
        int firstBatch = events.size();
        // The second batch: more of the same, one of them in the same hour and instant as the first batch.
        add(events, new StudyNoteRecorded("r-1", "note-2", org, "c-1", "m-2", StudyNoteKind.REFLECTION, DAY), 6);
        add(events, new StudySessionHeld("r-1", "session-2", "org-2", "c-1", DAY.plusDays(1), 2, StudyFormat.ONLINE,
                List.of(), 5, List.of()), 70);
        add(events, new MemberTransferred("m-1", org, "org-2"), 71);
        add(events, new HonorRoomVisited("r-2", "org-2", "c-1", DAY, 1), 72);
        add(events, new ProblemOverdue("p-2", "org-2", "c-1", Instant.parse("2019-10-01T16:00:00Z")), 72);
        add(events, new ProblemDeadlineExtended("p-2", "org-2", "c-1", Instant.parse("2019-10-01T16:00:00Z"),
                Instant.parse("2019-11-01T16:00:00Z"), "延期"), 73);
        add(events, new ProblemOverdue("p-2", "org-2", "c-1", Instant.parse("2019-11-01T16:00:00Z")), 74);
        add(events, new OrganizationDissolved("org-2", "支部二"), 74);
        add(events, new MemberEnrolled("m-2", org, MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.REGULAR), 75);
        return new History(events, firstBatch);
    }

    private static void add(List<ProjectedEvent> events, Object payload, int minutes) {
        EventType type = EventCatalog.byClass(payload.getClass()).orElseThrow();
        try {
            events.add(new ProjectedEvent(type.topic(), 1, events.size(), UUID.randomUUID().toString(), type, payload,
                    // As the decoder hands it over: U+0000 as it travelled in the JSON, U+FFFD in the payload.
                    JSON.writeValueAsString(payload).replace("\uFFFD", "\\u0000"), "subject-" + events.size(), events.size(),
                    T0.plusMinutes(minutes), "admin", "hash-" + events.size(), null, null, null));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Projection> readModels(JdbcClient jdbc) {
        return List.of(new TotalsProjection(jdbc), new AuditTrail(jdbc));
    }

    private static JdbcClient database(String name) {
        return database(name, "latest");
    }

    /** The database {@code name}, migrated up to the version {@code target}. */
    private static JdbcClient database(String name, String target) {
        DataSource dataSource = MigratedDatabase.upTo(postgres, name, target);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        DATA_SOURCES.put(jdbc, dataSource);
        return jdbc;
    }

    private static void transaction(JdbcClient jdbc, Runnable work) {
        new TransactionTemplate(new DataSourceTransactionManager(DATA_SOURCES.get(jdbc))).executeWithoutResult(
                status -> work.run());
    }

    /** The table's rows as text, in a stable order (the audit trail's event ids and positions included). */
    private static List<String> rows(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT CAST(t AS TEXT) FROM " + table + " AS t ORDER BY 1").query(String.class).list();
    }

    /** A roll-up table's rows but those of 0 (bins whose ups and downs cancel out may keep one in the projection's). */
    private static List<String> rolledUp(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT CAST(t AS TEXT) FROM " + table + " AS t WHERE amount <> 0 ORDER BY 1")
                .query(String.class).list();
    }
}
