package org.jingzhun.platform.audit;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * {@code GET /api/audit/event-store/verify} on a writing service (one that publishes events): re-reads its
 * own event store and checks every public event's hash and chain link ({@link EventStoreChains}, the rules
 * of contracts/AUDIT-CHAIN.md, the same code as {@code jingzhun-verify.jar --event-store}). Answers
 * {@code {"eventsChecked", "valid", "broken": [{"eventId", "reason"}], "nonPublic"}}: a payload byte
 * changed, an event deleted or two reordered in {@code domain_event_entry} is named. County
 * administrators only (the platform's default for an endpoint no rule opens). Reads the whole store.
 */
@AutoConfiguration
@ConditionalOnProperty("jingzhun.relay.topic")
public class EventStoreVerification {

    @Bean
    EventStoreVerificationController eventStoreVerificationController(DataSource dataSource) {
        return new EventStoreVerificationController(dataSource);
    }

    /** The answer; {@code nonPublic}: events in no chain (never published), not checked. */
    public record Result(long eventsChecked, boolean valid, List<Broken> broken, long nonPublic) {
    }

    /** One thing not intact, naming the event where it shows. */
    public record Broken(String eventId, String reason) {
    }
}
