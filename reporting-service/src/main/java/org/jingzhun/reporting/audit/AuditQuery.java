package org.jingzhun.reporting.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.platform.web.RequestParameters;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.lang.Nullable;

/**
 * Which part of the history to export: every filter optional, all of them combined.
 *
 * @param organizationId events whose payload names this organization
 * @param types          CloudEvents types; empty for every type
 * @param from           recorded at or after this instant
 * @param to             recorded at or before this instant (inclusive, like {@code asOf} of the totals:
 *                       the history up to {@code to} is what the totals as of {@code to} count)
 */
record AuditQuery(@Nullable String organizationId, List<String> types, @Nullable OffsetDateTime from,
                  @Nullable OffsetDateTime to) {

    AuditQuery {
        types = List.copyOf(types);
    }

    /** Reads the request parameters; empty means absent. A bad value is a 400 naming its parameter. */
    static AuditQuery parse(@Nullable String organizationId, @Nullable String type, @Nullable String from,
                            @Nullable String to) {
        OffsetDateTime start = RequestParameters.offsetDateTime("from", from);
        OffsetDateTime end = RequestParameters.offsetDateTime("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw invalid("to", "must not be before from");
        }
        return new AuditQuery(blankToNull(organizationId), types(type), start, end);
    }

    /**
     * {@code ProblemLogged} or {@code jingzhun.rectification.ProblemLogged.v1}; several separated by
     * commas. A short name stands for every revision of that event.
     */
    private static List<String> types(@Nullable String names) {
        if (names == null || names.isBlank()) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (String name : names.split(",")) {
            String wanted = name.trim();
            List<String> matching = new ArrayList<>();
            for (EventType type : EventCatalog.all()) {
                if (type.name().equals(wanted) || type.cloudEventType().equals(wanted)) {
                    matching.add(type.cloudEventType());
                }
            }
            if (matching.isEmpty()) {
                throw invalid("type", "unknown event type '" + wanted + "'; expected a name such as ProblemLogged"
                        + " or a CloudEvents type such as jingzhun.rectification.ProblemLogged.v1");
            }
            types.addAll(matching);
        }
        return List.copyOf(types);
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static RuleViolation invalid(String field, String message) {
        return new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", field, message);
    }
}
