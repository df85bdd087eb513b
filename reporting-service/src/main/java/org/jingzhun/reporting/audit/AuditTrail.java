package org.jingzhun.reporting.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.jingzhun.platform.projection.ColumnArrays;
import org.jingzhun.platform.projection.NulText;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.projection.Projection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records every projected event in {@code audit_event}, inside the projector's transaction: the trail
 * holds exactly the events the read models applied. Public so that other features' tests can build a
 * history the way the projector does.
 */
@Component
public class AuditTrail implements Projection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;

    public AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(ProjectedEvent event) {
        holdPositionLock();
        Payload stored = Payload.of(event);
        String json = stored.json();
        String raw = stored.raw();
        // PostgreSQL reads organizationId and campaignId out of the payload itself: no second JSON parse
        // here, and an event without them simply leaves the columns null.
        jdbc.sql("""
                        INSERT INTO audit_event (event_id, type, topic, partition_no, offset_no, subject, sequence_no,
                                                 actor, recorded_at, organization_id, campaign_id, payload, raw_payload,
                                                 hash, prev_hash, causation_source, causation_id)
                        SELECT :eventId, :type, :topic, :partition, :offset, :subject, :sequence, :actor, :time,
                               p.json ->> 'organizationId', p.json ->> 'campaignId', p.json, :raw, :hash, :prevHash,
                               :causationSource, :causationId
                        FROM (SELECT CAST(:json AS JSONB) AS json) AS p
                        ON CONFLICT (event_id) DO NOTHING""")
                .param("eventId", event.eventId())
                .param("type", event.type().cloudEventType())
                .param("topic", event.topic())
                .param("partition", event.partition())
                .param("offset", event.offset())
                .param("subject", event.subject() == null ? "" : event.subject())
                .param("sequence", event.sequence())
                .param("actor", event.actor())
                .param("time", event.time())
                .param("json", json)
                .param("raw", raw)
                .param("hash", event.hash())
                .param("prevHash", event.prevHash())
                .param("causationSource", event.causationSource())
                .param("causationId", event.causationId())
                .update();
    }

    /** The same rows as {@link #apply} of each event in turn, in one statement (positions in the same order). */
    @Override
    public void applyAll(List<ProjectedEvent> events) {
        holdPositionLock();
        ColumnArrays rows = new ColumnArrays("event_id", "type", "topic", "partition_no", "offset_no", "subject",
                "sequence_no", "actor", "recorded_at", "payload", "raw_payload", "hash", "prev_hash",
                "causation_source", "causation_id", "n");
        int n = 0;
        for (ProjectedEvent event : events) {
            Payload stored = Payload.of(event);
            rows.add(event.eventId(), event.type().cloudEventType(), event.topic(), event.partition(), event.offset(),
                    event.subject() == null ? "" : event.subject(), event.sequence(), event.actor(), event.time(),
                    stored.json(), stored.raw(), event.hash(), event.prevHash(), event.causationSource(), event.causationId(), n++);
        }
        jdbc.sql("""
                        INSERT INTO audit_event (event_id, type, topic, partition_no, offset_no, subject, sequence_no,
                                                 actor, recorded_at, organization_id, campaign_id, payload, raw_payload,
                                                 hash, prev_hash, causation_source, causation_id)
                        SELECT e.event_id, e.type, e.topic, CAST(e.partition_no AS INT), CAST(e.offset_no AS BIGINT),
                               e.subject, CAST(e.sequence_no AS BIGINT), e.actor, CAST(e.recorded_at AS TIMESTAMPTZ),
                               p.json ->> 'organizationId', p.json ->> 'campaignId', p.json, e.raw_payload, e.hash,
                               e.prev_hash, e.causation_source, e.causation_id
                        FROM %s CROSS JOIN LATERAL (SELECT CAST(e.payload AS JSONB) AS json) AS p
                        ORDER BY CAST(e.n AS INT)
                        ON CONFLICT (event_id) DO NOTHING""".formatted(rows.unnest("e")))
                .params(rows.parameters())
                .update();
    }

    /**
     * Checkpoints cover positions up to the highest committed one (see AuditCheckpoints): positions are
     * taken under a shared advisory lock, once per transaction.
     */
    private void holdPositionLock() {
        boolean inTransaction = TransactionSynchronizationManager.isSynchronizationActive();
        if (inTransaction && TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock_shared(:lock)").param("lock", AuditCheckpoints.POSITION_LOCK)
                .query(Integer.class).single();
        if (inTransaction) {
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
                }
            });
        }
    }

    /**
     * An event's payload as stored: jsonb cannot hold U+0000, so such an event is stored with U+FFFD in
     * {@code payload} and as it travelled in {@code raw_payload} (rare, so the common case pays only a scan
     * of the text).
     */
    private record Payload(String json, String raw) {
        static Payload of(ProjectedEvent event) {
            String json = event.json();
            if (NulText.mayContainNul(json)) {
                JsonNode tree = parse(json);
                if (NulText.containsNul(tree)) {
                    return new Payload(NulText.sanitized(tree).toString(), json);
                }
            }
            return new Payload(json, null);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // The decoder parsed it already; let the insert say what is wrong.
            return JSON.getNodeFactory().textNode("");
        }
    }
}
