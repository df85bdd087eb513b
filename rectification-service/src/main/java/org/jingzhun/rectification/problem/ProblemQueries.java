package org.jingzhun.rectification.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.rectification.Attachment;
import org.jingzhun.contracts.rectification.Measure;
import org.jingzhun.platform.EventJson;
import org.jingzhun.rectification.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/** Reads problems from {@code problem_view}, judging overdue and due soon against the clock. */
@Component
class ProblemQueries {

    /** A problem due within this time and not rectified is "due soon" (the traffic light's amber). */
    static final Duration DUE_SOON = Duration.ofDays(3);

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final String NOT_RECTIFIED = "status NOT IN ('RECTIFIED', 'VERIFIED')";
    private static final String OVERDUE = "(" + NOT_RECTIFIED + " AND deadline < :now)";
    private static final String DUE_SOON_SQL = "(" + NOT_RECTIFIED + " AND deadline >= :now AND deadline < :soon)";
    private static final String SELECT = """
            SELECT id, organization_id, campaign_id, focus_area, source, special_rectification_id, description,
                   owner, deadline, status, measures, evidence, attachments, verified_by,
                   CASE WHEN overdue_deadline = deadline THEN overdue_at END AS overdue_recorded_at,
                   logged_at, last_sequence, last_event_at,
                   %s AS overdue, %s AS due_soon
            FROM problem_view""".formatted(OVERDUE, DUE_SOON_SQL);

    /** What to list; {@code null} means "any". */
    record Filter(@Nullable String organizationId, @Nullable String campaignId, @Nullable ProblemStatus status,
                  @Nullable Boolean overdue, @Nullable Boolean dueSoon, @Nullable String specialRectificationId) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ProblemQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<ProblemView> find(String id) {
        Instant now = clock.instant();
        return jdbc.sql(SELECT + " WHERE id = :id")
                .param("id", id).param("now", timestamp(now)).param("soon", timestamp(now.plus(DUE_SOON)))
                .query(ROW).optional()
                .map(view -> view.withHistory(history(id)));
    }

    Page<ProblemView> list(Filter filter, int page, int size) {
        return list(filter, null, page, size);
    }

    /** Like the other, limited to the subtree of {@code withinId} (the registry replica's tree) when not null. */
    Page<ProblemView> list(Filter filter, @Nullable String withinId, int page, int size) {
        Instant now = clock.instant();
        List<String> conditions = new ArrayList<>();
        conditions.add("TRUE");
        if (withinId != null) {
            conditions.add("""
                    organization_id IN (WITH RECURSIVE tree (id) AS (
                        SELECT id FROM registry_organization WHERE id = :within
                        UNION SELECT c.id FROM registry_organization c JOIN tree ON c.parent_id = tree.id)
                    SELECT id FROM tree)""");
        }
        if (filter.organizationId() != null) {
            conditions.add("organization_id = :organization");
        }
        if (filter.campaignId() != null) {
            conditions.add("campaign_id = :campaign");
        }
        if (filter.status() != null) {
            conditions.add("status = :status");
        }
        if (filter.specialRectificationId() != null) {
            conditions.add("special_rectification_id = :special");
        }
        if (filter.overdue() != null) {
            conditions.add((filter.overdue() ? "" : "NOT ") + OVERDUE);
        }
        if (filter.dueSoon() != null) {
            conditions.add((filter.dueSoon() ? "" : "NOT ") + DUE_SOON_SQL);
        }
        String where = " WHERE " + String.join(" AND ", conditions);
        long total = bind(jdbc.sql("SELECT count(*) FROM problem_view" + where), filter, now)
                .param("within", withinId).query(Long.class).single();
        List<ProblemView> items = bind(jdbc.sql(SELECT + where + " ORDER BY deadline, id LIMIT :limit OFFSET :offset"),
                filter, now)
                .param("within", withinId).param("limit", size).param("offset", (long) page * size)
                .query(ROW).list();
        return new Page<>(items, page, size, total);
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Filter filter, Instant now) {
        // Unused named parameters are harmless; binding them all keeps the conditions above simple.
        return spec.param("organization", filter.organizationId()).param("campaign", filter.campaignId())
                .param("status", filter.status() == null ? null : filter.status().name())
                .param("special", filter.specialRectificationId())
                .param("now", timestamp(now)).param("soon", timestamp(now.plus(DUE_SOON)));
    }

    private List<ProblemView.HistoryEntry> history(String id) {
        return jdbc.sql("""
                        SELECT sequence, type, occurred_at, actor, details FROM problem_history
                        WHERE problem_id = ? ORDER BY sequence""")
                .param(id)
                .query((rs, row) -> new ProblemView.HistoryEntry(rs.getLong(1), rs.getString(2), instant(rs, 3),
                        rs.getString(4), read(rs.getString(5))))
                .list();
    }

    private static final RowMapper<ProblemView> ROW = (rs, row) -> new ProblemView(
            rs.getString("id"), rs.getString("organization_id"), rs.getString("campaign_id"),
            FocusArea.valueOf(rs.getString("focus_area")), ProblemSource.valueOf(rs.getString("source")),
            rs.getString("special_rectification_id"), rs.getString("description"), rs.getString("owner"),
            instant(rs, "deadline"), ProblemStatus.valueOf(rs.getString("status")),
            rs.getBoolean("overdue"), rs.getBoolean("due_soon"),
            read(rs.getString("measures"), new TypeReference<List<Measure>>() { }),
            rs.getString("evidence"),
            read(rs.getString("attachments"), new TypeReference<List<Attachment>>() { }),
            rs.getString("verified_by"), instant(rs, "overdue_recorded_at"), instant(rs, "logged_at"),
            rs.getLong("last_sequence"), instant(rs, "last_event_at"), null);

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable JSON in problem_history", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable JSON in problem_view", e);
        }
    }
}
