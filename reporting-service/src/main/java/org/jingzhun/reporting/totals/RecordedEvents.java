package org.jingzhun.reporting.totals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.platform.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.lang.Nullable;

/**
 * The event history as the audit trail keeps it ({@code audit_event}, written by the audit feature in
 * the projector's transaction): read here by SQL only, to fold a stretch of it into a {@link TotalsModel}.
 * Must run inside a transaction, so that PostgreSQL streams the rows through a cursor.
 */
final class RecordedEvents {

    private static final Logger log = LoggerFactory.getLogger(RecordedEvents.class);
    private static final int FETCH_SIZE = 1000;
    private static final ObjectMapper EVENT_JSON = EventJson.newMapper();

    private final NamedParameterJdbcTemplate cursor;

    RecordedEvents(DataSource dataSource) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(FETCH_SIZE);
        this.cursor = new NamedParameterJdbcTemplate(template);
    }

    /**
     * Folds the events recorded after {@code after} (from the first when null) up to and including
     * {@code until} into the model, in recorded order, then topic, partition and offset, as the audit
     * trail lists them; returns how many.
     */
    long replay(TotalsModel model, @Nullable OffsetDateTime after, OffsetDateTime until) {
        MapSqlParameterSource params = new MapSqlParameterSource("until", until);
        String from = "";
        if (after != null) {
            from = " AND recorded_at > :after";
            params.addValue("after", after);
        }
        long[] count = {0};
        cursor.query("SELECT type, recorded_at, payload::text FROM audit_event WHERE recorded_at <= :until" + from
                + " ORDER BY recorded_at, topic, partition_no, offset_no", params, rs -> {
            Object event = decode(rs.getString(1), rs.getString(3));
            model.apply(event == null ? Unknown.INSTANCE : event, rs.getObject(2, OffsetDateTime.class).toInstant());
            count[0]++;
        });
        return count[0];
    }

    /** How many events were recorded in the stretch: each counts once in {@code eventsProjected}. */
    long count(@Nullable OffsetDateTime after, OffsetDateTime until) {
        MapSqlParameterSource params = new MapSqlParameterSource("until", until);
        String from = "";
        if (after != null) {
            from = " AND recorded_at > :after";
            params.addValue("after", after);
        }
        Long count = cursor.queryForObject("SELECT count(*) FROM audit_event WHERE recorded_at <= :until" + from,
                params, Long.class);
        return count == null ? 0 : count;
    }

    /** The time of the {@code n}-th event recorded after {@code after}, if there are that many. */
    Optional<OffsetDateTime> nth(@Nullable OffsetDateTime after, int n) {
        MapSqlParameterSource params = new MapSqlParameterSource("skip", n - 1);
        String from = "";
        if (after != null) {
            from = " WHERE recorded_at > :after";
            params.addValue("after", after);
        }
        return cursor.query("SELECT recorded_at FROM audit_event" + from + " ORDER BY recorded_at OFFSET :skip LIMIT 1",
                params, (rs, row) -> rs.getObject(1, OffsetDateTime.class)).stream().findFirst();
    }

    /** The latest recorded time, if any event was recorded. */
    Optional<OffsetDateTime> latest() {
        return Optional.ofNullable(cursor.getJdbcTemplate().queryForObject(
                "SELECT max(recorded_at) FROM audit_event", OffsetDateTime.class));
    }

    @Nullable
    private static Object decode(String cloudEventType, String payload) {
        Optional<EventType> type = EventCatalog.byCloudEventType(cloudEventType);
        if (type.isEmpty()) {
            return null;
        }
        try {
            return EVENT_JSON.readValue(payload, type.get().eventClass());
        } catch (IOException e) {
            // It was projected, so it was readable then: a type that changed since counts, with no effect.
            log.warn("Audit event of type {} no longer reads as {}; counted without effect on the totals as of an"
                    + " instant", cloudEventType, type.get().eventClass().getSimpleName(), e);
            return null;
        }
    }

    /** An event whose type the catalog no longer knows: counted, nothing else. */
    enum Unknown {
        INSTANCE
    }
}
