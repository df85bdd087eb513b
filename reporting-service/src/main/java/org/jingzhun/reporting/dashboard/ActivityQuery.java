package org.jingzhun.reporting.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.reporting.ReaderSubtree;
import org.jingzhun.reporting.readmodel.Snapshot;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** {@link Activity}: a campaign's events from the audit trail, by recorded time. */
@Component
class ActivityQuery {

    /** About this many buckets for the whole history: enough to see a shape, few enough for a phone. */
    private static final int BUCKETS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Events of organizations within the reader's subtree (every event for the county). */
    private static final String IN_SUBTREE = ReaderSubtree.sql("organization_id");

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final ZoneId county;

    ActivityQuery(JdbcClient jdbc, PlatformTransactionManager transactions, JingzhunProperties jingzhun) {
        this.jdbc = jdbc;
        this.snapshot = new Snapshot(transactions, jdbc);
        this.county = jingzhun.timeZone();
    }

    /**
     * The campaign's events recorded up to {@code asOf} (all when null) and the latest {@code recent} of them, of the
     * subtree under {@code subtreeRoot} ({@code null}: the county), see {@link ReaderSubtree}.
     */
    Activity activity(String campaignId, @Nullable OffsetDateTime asOf, int recent, @Nullable String subtreeRoot) {
        return snapshot.read(() -> {
            record Span(OffsetDateTime first, OffsetDateTime last, long events) {
            }
            Span span = jdbc.sql("""
                            SELECT min(recorded_at), max(recorded_at), count(*) FROM audit_event
                            WHERE campaign_id = :campaign AND (CAST(:asOf AS TIMESTAMPTZ) IS NULL OR recorded_at <= :asOf)
                              AND %s""".formatted(IN_SUBTREE))
                    .param("campaign", campaignId).param("asOf", asOf).param(ReaderSubtree.PARAMETER, subtreeRoot)
                    .query((rs, row) -> new Span(local(rs.getObject(1, OffsetDateTime.class)),
                            local(rs.getObject(2, OffsetDateTime.class)), rs.getLong(3)))
                    .single();
            String unit = span.first == null ? "day" : unit(Duration.between(span.first, span.last));
            Map<LocalDateTime, Map<Activity.Kind, Long>> buckets = new LinkedHashMap<>();
            // date_trunc on the county's wall clock: a "day" is a county day, a "week" starts on Monday.
            jdbc.sql("""
                            SELECT date_trunc(:unit, recorded_at AT TIME ZONE :zone) AS bucket, type, count(*)
                            FROM audit_event
                            WHERE campaign_id = :campaign AND (CAST(:asOf AS TIMESTAMPTZ) IS NULL OR recorded_at <= :asOf)
                              AND %s
                            GROUP BY bucket, type ORDER BY bucket""".formatted(IN_SUBTREE))
                    .param("unit", unit).param("zone", county.getId()).param("campaign", campaignId).param("asOf", asOf)
                    .param(ReaderSubtree.PARAMETER, subtreeRoot)
                    .query(rs -> {
                        buckets.computeIfAbsent(rs.getObject(1, LocalDateTime.class), b -> counts())
                                .merge(kind(rs.getString(2)), rs.getLong(3), Long::sum);
                    });
            // Every bucket from the first to the last, empty ones too: a quiet week is part of the story.
            List<Activity.Bucket> list = new ArrayList<>();
            if (!buckets.isEmpty()) {
                LocalDateTime first = buckets.keySet().iterator().next();
                LocalDateTime last = first;
                for (LocalDateTime start : buckets.keySet()) {
                    last = start;
                }
                for (LocalDateTime start = first; !start.isAfter(last); start = next(start, unit)) {
                    list.add(new Activity.Bucket(start.atZone(county).toOffsetDateTime(),
                            buckets.getOrDefault(start, counts())));
                }
            }
            List<Activity.Recent> latest = jdbc.sql("""
                            SELECT a.event_id, a.type, a.recorded_at, a.organization_id, o.name, CAST(a.payload AS TEXT)
                            FROM audit_event a LEFT JOIN organization o ON o.organization_id = a.organization_id
                            WHERE a.campaign_id = :campaign AND (CAST(:asOf AS TIMESTAMPTZ) IS NULL OR a.recorded_at <= :asOf)
                              AND %s
                            ORDER BY a.recorded_at DESC, a.topic DESC, a.partition_no DESC, a.offset_no DESC
                            LIMIT :limit""".formatted(ReaderSubtree.sql("a.organization_id")))
                    .param("campaign", campaignId).param("asOf", asOf).param("limit", recent)
                    .param(ReaderSubtree.PARAMETER, subtreeRoot)
                    .query((rs, row) -> new Activity.Recent(rs.getString(1), name(rs.getString(2)), kind(rs.getString(2)),
                            local(rs.getObject(3, OffsetDateTime.class)), rs.getString(4), rs.getString(5),
                            json(rs.getString(6))))
                    .list();
            return new Activity(campaignId, asOf == null ? null : asOf.atZoneSameInstant(county).toOffsetDateTime(),
                    unit, span.first, span.last, span.events, list, latest);
        });
    }

    /** The smallest of PostgreSQL's date_trunc units that keeps the span within about {@link #BUCKETS}. */
    static String unit(Duration span) {
        if (span.compareTo(Duration.ofMinutes(BUCKETS)) <= 0) {
            return "minute";
        }
        if (span.compareTo(Duration.ofHours(BUCKETS)) <= 0) {
            return "hour";
        }
        if (span.compareTo(Duration.ofDays(BUCKETS)) <= 0) {
            return "day";
        }
        if (span.compareTo(Duration.ofDays(7L * BUCKETS)) <= 0) {
            return "week";
        }
        return "month";
    }

    /** The start of the bucket after the one starting at {@code start} (on date_trunc's grid). */
    static LocalDateTime next(LocalDateTime start, String unit) {
        return switch (unit) {
            case "minute" -> start.plusMinutes(1);
            case "hour" -> start.plusHours(1);
            case "day" -> start.plusDays(1);
            case "week" -> start.plusWeeks(1);
            default -> start.plusMonths(1);
        };
    }

    /** {@code jingzhun.checklist.HonorRoomVisited.v1} → {@code HonorRoomVisited}. */
    static String name(String cloudEventType) {
        String[] parts = cloudEventType.split("\\.");
        return parts.length >= 3 ? parts[2] : cloudEventType;
    }

    static Activity.Kind kind(String cloudEventType) {
        return switch (name(cloudEventType)) {
            case "StudySessionHeld", "StudyNoteRecorded" -> Activity.Kind.STUDY;
            case "HonorRoomVisited" -> Activity.Kind.HONOR_ROOM;
            case "ResearchSubmitted" -> Activity.Kind.RESEARCH;
            case "ChecklistItemCompleted" -> Activity.Kind.CHECKLIST;
            case "ProblemLogged" -> Activity.Kind.PROBLEM_LOGGED;
            case "RectificationMeasuresSet", "ProblemRectified", "RectificationVerified", "ProblemReopened",
                 "ProblemOverdue", "ProblemDeadlineExtended", "SpecialRectificationLaunched" -> Activity.Kind.RECTIFICATION;
            default -> Activity.Kind.OTHER;
        };
    }

    private static Map<Activity.Kind, Long> counts() {
        Map<Activity.Kind, Long> counts = new EnumMap<>(Activity.Kind.class);
        for (Activity.Kind kind : Activity.Kind.values()) {
            counts.put(kind, 0L);
        }
        return counts;
    }

    private OffsetDateTime local(@Nullable OffsetDateTime time) {
        return time == null ? null : time.atZoneSameInstant(county).toOffsetDateTime();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_event holds a payload that is not JSON", e);
        }
    }
}
