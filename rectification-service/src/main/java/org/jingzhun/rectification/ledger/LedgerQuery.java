package org.jingzhun.rectification.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.audit.Checkpoint;
import org.jingzhun.contracts.audit.EventHash;
import org.jingzhun.contracts.rectification.Attachment;
import org.jingzhun.contracts.rectification.Measure;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.registry.OrganizationRegistry;
import org.jingzhun.platform.registry.OrganizationRegistry.OrganizationInfo;
import org.jingzhun.rectification.specialrectification.SpecialRectificationView;
import org.jingzhun.rectification.specialrectification.SpecialRectifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a ledger from {@code problem_view} (and {@code problem_history} for when a problem was rectified),
 * organization names from the registry replica, special rectifications' titles from their feature.
 */
@Component
class LedgerQuery {

    private static final ObjectMapper JSON = EventJson.newMapper();

    /** Each problem's latest version recorded up to {@code :asOf} (V2_4): the rows as they stood then. */
    private static final String VERSIONS_AS_OF = """
            (SELECT DISTINCT ON (id) * FROM problem_view_version
             WHERE organization_id IN (:organizations) AND last_event_at <= :asOf
             ORDER BY id, last_sequence DESC, version_id DESC) AS p""";

    private final JdbcClient jdbc;
    private final OrganizationRegistry registry;
    private final SpecialRectifications specialRectifications;

    LedgerQuery(JdbcClient jdbc, OrganizationRegistry registry, SpecialRectifications specialRectifications) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.specialRectifications = specialRectifications;
    }

    /**
     * The ledger of a known organization (and everything under it), or empty if it is unknown: as it is
     * now, or with {@code asOf} as it stood then (each problem's latest state with its last event at or
     * before it; a problem logged later is not in it).
     */
    @Transactional(readOnly = true)
    Optional<Ledger> ledger(String organizationId, boolean includeSubtree, @Nullable String campaignId,
                            @Nullable Instant asOf) {
        Optional<OrganizationInfo> root = registry.find(organizationId);
        if (root.isEmpty()) {
            return Optional.empty();
        }
        List<String> organizations = includeSubtree ? registry.subtree(organizationId) : List.of(organizationId);
        Map<String, String> names = new HashMap<>();
        Map<String, String> titles = new HashMap<>();
        Map<String, Long> positions = new HashMap<>();
        List<Ledger.Row> rows = jdbc.sql("""
                        SELECT id, organization_id, campaign_id, focus_area, source, special_rectification_id,
                               description, owner, deadline, status, measures, evidence, attachments, verified_by,
                               overdue_deadline = deadline AND status NOT IN ('RECTIFIED', 'VERIFIED') AS overdue,
                               logged_at, last_sequence, last_event_at,
                               -- The event the row reflects last, in the event store: its id, place and chain hash.
                               e.event_identifier AS head_event_id, e.global_index AS head_position,
                               convert_from(e.meta_data, 'UTF8') AS head_meta_data,
                               -- The latest rectification among the events this row reflects.
                               CASE WHEN status IN ('RECTIFIED', 'VERIFIED') THEN
                                   (SELECT max(h.occurred_at) FROM problem_history h WHERE h.problem_id = p.id
                                      AND h.type = 'ProblemRectified' AND h.sequence <= p.last_sequence)
                               END AS rectified_at
                        FROM %s
                        LEFT JOIN domain_event_entry e
                               ON e.aggregate_identifier = p.id AND e.sequence_number = p.last_sequence
                        WHERE p.organization_id IN (:organizations)
                          AND (CAST(:campaign AS VARCHAR) IS NULL OR p.campaign_id = :campaign)"""
                        .formatted(asOf == null ? "problem_view AS p" : VERSIONS_AS_OF))
                .param("organizations", organizations).param("campaign", campaignId)
                .param("asOf", asOf == null ? null : Timestamp.from(asOf))
                .query((rs, n) -> row(rs, positions, names.computeIfAbsent(rs.getString("organization_id"), this::name),
                        titles.computeIfAbsent(Objects.requireNonNullElse(rs.getString("special_rectification_id"),
                                ""), this::title)))
                .list();
        // The organization itself first, then the others by id; within one, in the order logged.
        List<Ledger.Row> ordered = rows.stream().sorted(Comparator
                        .comparing((Ledger.Row row) -> !row.organizationId().equals(organizationId))
                        .thenComparing(Ledger.Row::organizationId)
                        .thenComparing(Ledger.Row::loggedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Ledger.Row::problemId))
                .toList();
        Instant lastEventAt = ordered.stream().map(Ledger.Row::lastEventAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        long events = ordered.stream().mapToLong(row -> row.sequence() + 1).sum();
        long position = positions.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return Optional.of(new Ledger(organizationId, root.get().name(), includeSubtree, campaignId, lastEventAt,
                ordered.size(), events, position, chainRoot(ordered), ordered));
    }

    private String name(String organizationId) {
        return registry.find(organizationId).map(OrganizationInfo::name).orElse("");
    }

    private String title(String specialRectificationId) {
        return specialRectificationId.isEmpty() ? "" : specialRectifications.find(specialRectificationId)
                .map(SpecialRectificationView::title).orElse("");
    }

    /**
     * The Merkle root (RFC 6962, leaves as in a checkpoint) over the rows' chain heads in row order; a row
     * whose event carries no hash (stored before chaining) counts as {@link EventHash#GENESIS}.
     */
    static String chainRoot(List<Ledger.Row> rows) {
        return HexFormat.of().formatHex(Checkpoint.root(rows.stream()
                .map(row -> row.hash() == null ? EventHash.GENESIS : row.hash()).toList()));
    }

    /** The chain head after an event, from its stored metadata: its hash, or the head it carried (null if none). */
    @Nullable
    private static String chainHead(@Nullable String metaData) {
        if (metaData == null) {
            return null;
        }
        try {
            JsonNode meta = JSON.readTree(metaData);
            JsonNode hash = meta.hasNonNull(EventHash.HASH) ? meta.get(EventHash.HASH) : meta.get(EventHash.PREV_HASH);
            return hash == null || !hash.isTextual() ? null : hash.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Ledger.Row row(ResultSet rs, Map<String, Long> positions, String organizationName,
                                  String specialRectificationTitle) throws SQLException {
        long position = rs.getLong("head_position");
        if (!rs.wasNull()) {
            positions.put(rs.getString("id"), position);
        }
        return new Ledger.Row(rs.getString("id"), rs.getString("organization_id"), organizationName,
                rs.getString("campaign_id"), FocusArea.valueOf(rs.getString("focus_area")),
                ProblemSource.valueOf(rs.getString("source")), rs.getString("special_rectification_id"),
                rs.getString("description"), rs.getString("owner"), instant(rs, "deadline"),
                ProblemStatus.valueOf(rs.getString("status")), rs.getBoolean("overdue"),
                read(rs.getString("measures"), new TypeReference<List<Measure>>() { }), rs.getString("evidence"),
                read(rs.getString("attachments"), new TypeReference<List<Attachment>>() { }),
                rs.getString("verified_by"), instant(rs, "logged_at"), rs.getLong("last_sequence"),
                instant(rs, "last_event_at"), specialRectificationTitle.isEmpty() ? null : specialRectificationTitle,
                instant(rs, "rectified_at"), rs.getString("head_event_id"), chainHead(rs.getString("head_meta_data")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable JSON in problem_view", e);
        }
    }
}
