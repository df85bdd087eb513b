package org.jingzhun.reporting.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.lang.Nullable;

/**
 * The events of one campaign by the time they were recorded ({@code ce_time}, the time the totals as of an
 * instant go by), up to {@code asOf} when asked.
 *
 * @param unit    the bucket width, chosen so that the whole history fits in about 60 buckets:
 *                {@code minute}, {@code hour}, {@code day}, {@code week} or {@code month}
 * @param first   the first event's time, {@code null} when there is none
 * @param last    the last event's time, {@code null} when there is none
 * @param buckets the non-empty buckets in order, each with its events counted by {@link Kind}
 * @param recent  the latest events, newest first
 */
record Activity(String campaignId, @Nullable OffsetDateTime asOf, String unit, @Nullable OffsetDateTime first,
                @Nullable OffsetDateTime last, long events, List<Bucket> buckets, List<Recent> recent) {

    /** What the board groups events into. */
    enum Kind { STUDY, HONOR_ROOM, RESEARCH, CHECKLIST, PROBLEM_LOGGED, RECTIFICATION, OTHER }

    record Bucket(OffsetDateTime start, Map<Kind, Long> counts) {
    }

    /**
     * One recorded event.
     *
     * @param type  the event's name, e.g. {@code HonorRoomVisited}
     * @param event its payload as it travelled, for the page to phrase
     */
    record Recent(String id, String type, Kind kind, OffsetDateTime time, @Nullable String organizationId,
                  @Nullable String organizationName, JsonNode event) {
    }
}
