package org.jingzhun.reporting.totals;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jingzhun.platform.JingzhunProperties;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The totals as the system knew them at an instant, by recorded event time: the latest checkpoint at or
 * before it, plus the audit events recorded after the checkpoint up to and including the instant, folded
 * into a {@link TotalsModel}. All in one snapshot, so a checkpoint and the events after it agree even
 * while the projector commits. With the instant at or after the latest event, the answer is the live
 * totals.
 */
@Component
class AsOfTotals {

    private final TotalsCheckpoints checkpoints;
    private final RecordedEvents history;
    private final TransactionTemplate snapshot;
    private final ZoneId zone;
    private final MeterRegistry meters;
    private final DistributionSummary replayed;

    AsOfTotals(TotalsCheckpoints checkpoints, DataSource dataSource, PlatformTransactionManager transactions,
               JingzhunProperties jingzhun, MeterRegistry meters) {
        this.checkpoints = checkpoints;
        this.history = new RecordedEvents(dataSource);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.zone = jingzhun.timeZone();
        this.meters = meters;
        this.replayed = DistributionSummary.builder("jingzhun.totals.asof.replayed")
                .description("Audit events folded in after the checkpoint, per answer as of an instant")
                .register(meters);
    }

    /** The totals of one campaign, or of all when {@code campaignId} is null, as of {@code asOf}. */
    Totals totals(@Nullable String campaignId, OffsetDateTime asOf) {
        return totals(campaignId, asOf, organizationId -> true);
    }

    /** As {@link #totals(String, OffsetDateTime)}, over the facts of the organizations {@code counted} accepts. */
    Totals totals(@Nullable String campaignId, OffsetDateTime asOf, Predicate<String> counted) {
        Timer.Sample sample = Timer.start(meters);
        boolean[] fromCheckpoint = {false};
        try {
            return snapshot.execute(status -> {
                Optional<TotalsCheckpoints.Checkpoint> checkpoint = checkpoints.latestAtOrBefore(asOf);
                fromCheckpoint[0] = checkpoint.isPresent();
                TotalsModel model = checkpoint.map(TotalsCheckpoints.Checkpoint::model).orElseGet(TotalsModel::new);
                replayed.record(history.replay(model,
                        checkpoint.map(TotalsCheckpoints.Checkpoint::coversUntil).orElse(null), asOf));
                return model.totals(campaignId, zone, asOf.atZoneSameInstant(zone).toOffsetDateTime(), counted);
            });
        } finally {
            sample.stop(Timer.builder("jingzhun.totals.asof").description("Answers of the totals as of an instant")
                    .tag("checkpoint", fromCheckpoint[0] ? "used" : "none").register(meters));
        }
    }
}
