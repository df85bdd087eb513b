package org.jingzhun.platform.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The relay's health (component {@code relay} of {@code /actuator/health}): DOWN while an event is
 * parked, while events are pending and the relay's position has not moved for longer than
 * {@code jingzhun.relay.stuck-after}, or after {@code failures-before-down} failed batches in a row;
 * UP otherwise. Details: the lag in events, when the relay last reached Kafka and last moved, failures.
 */
class RelayHealthIndicator extends AbstractHealthIndicator {

    private final KafkaRelay relay;
    private final RelayJournal journal;
    private final RelayProgress progress;
    private final RelaySettings settings;
    private final Clock clock;

    RelayHealthIndicator(KafkaRelay relay, RelayJournal journal, RelayProgress progress, RelaySettings settings,
                         Clock clock) {
        super("Relay health check failed");
        this.relay = relay;
        this.journal = journal;
        this.progress = progress;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long head = journal.head();
        Optional<RelayJournal.Position> position = journal.position();
        position.ifPresent(p -> progress.observe(p.index()));
        long lag = Math.max(0, head - position.map(RelayJournal.Position::index).orElse(0L));
        long parked = journal.unresolvedParked();
        Instant lastSuccess = relay.lastSuccess();
        Instant movedAt = progress.movedAt();
        if (lastSuccess != null && lastSuccess.isAfter(movedAt)) {
            movedAt = lastSuccess;
        }
        Duration still = Duration.between(movedAt, clock.instant());
        boolean stuck = lag > 0 && still.compareTo(settings.stuckAfter()) > 0;
        int failures = relay.consecutiveFailures();
        boolean failing = failures >= settings.failuresBeforeDown();

        builder.withDetail("topic", settings.topic())
                .withDetail("lagEvents", lag)
                .withDetail("head", head)
                .withDetail("lastProgress", movedAt.toString())
                .withDetail("consecutiveFailures", failures)
                .withDetail("parkedEvents", parked);
        position.ifPresent(p -> builder.withDetail("position", p.index()));
        if (lastSuccess != null) {
            builder.withDetail("lastSuccess", lastSuccess.toString());
        }
        if (failures > 0 && relay.lastFailure() != null) {
            builder.withDetail("lastFailure", relay.lastFailure());
        }
        if (parked > 0) {
            builder.down().withDetail("reason", parked + " event(s) parked: see GET /api/admin/relay/parked");
        } else if (failing) {
            builder.down().withDetail("reason", failures + " failed batches in a row");
        } else if (stuck) {
            builder.down().withDetail("reason", lag + " event(s) pending and no progress for " + still);
        } else {
            builder.up();
        }
    }
}
