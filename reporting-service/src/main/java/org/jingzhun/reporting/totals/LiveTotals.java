package org.jingzhun.reporting.totals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jingzhun.reporting.readmodel.AsOf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The live totals ({@code AsOf.live()}) a dashboard polls, counted again only when the database changed since they
 * were last counted.
 *
 * <p>An answer is kept with the PostgreSQL snapshot it was counted in ({@code pg_current_snapshot()}: the oldest
 * transaction still running, the next transaction id, the ones running in between). Two snapshots that read the
 * same are the same set of committed transactions, so they see the same rows: the next question reads the
 * database's snapshot now (one statement) and gets the kept answer while it reads the same, else a fresh count.
 * Any write that committed since — the projector's, a replay's swap, another reporting instance's, a hand edit —
 * makes them differ; a read-only transaction takes no transaction id and changes nothing. So a kept answer is
 * exactly what counting again would give. The snapshot is the PostgreSQL cluster's: where other databases share
 * it (the suite's four), their commits end a kept answer too, so it serves many or fast pollers, not one poll every
 * few seconds (docs/benchmarks.md). Nothing is kept while no event is projected (the answer's {@code asOf} is
 * then the clock's). At most {@value #CAPACITY} answers (campaign and subtree) are kept, the least recently asked
 * dropped first.
 *
 * <p>Why: each count is about ten statements and two milliseconds of CPU between this service and PostgreSQL
 * (docs/benchmarks.md, "The totals a dashboard polls"); dashboards and probes poll far more often than a quiet
 * county's projector commits. {@code jingzhun.totals.answers} counts the answers by {@code from} ({@code kept},
 * {@code counted}).
 */
@Component
class LiveTotals {

    static final int CAPACITY = 256;
    private static final String SNAPSHOT = "SELECT CAST(pg_current_snapshot() AS TEXT)";

    private final TotalsQuery query;
    private final JdbcClient jdbc;
    private final Counter keptAnswers;
    private final Counter countedAnswers;
    private final Map<Key, Kept> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Kept> eldest) {
            return size() > CAPACITY;
        }
    };

    LiveTotals(TotalsQuery query, JdbcClient jdbc, MeterRegistry meters) {
        this.query = query;
        this.jdbc = jdbc;
        this.keptAnswers = answers(meters, "kept");
        this.countedAnswers = answers(meters, "counted");
    }

    private static Counter answers(MeterRegistry meters, String from) {
        return Counter.builder("jingzhun.totals.answers")
                .description("live totals answered, kept from an earlier count while nothing was written or counted")
                .tag("from", from)
                .register(meters);
    }

    /** The live totals of one campaign (all when null), of the subtree under {@code subtreeRoot} (the county when null). */
    Totals totals(@Nullable String campaignId, @Nullable String subtreeRoot) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Inside a caller's transaction the count is not one snapshot of its own (see Snapshot): nothing kept.
            countedAnswers.increment();
            return query.totals(campaignId, AsOf.live(), subtreeRoot);
        }
        Key key = new Key(campaignId, subtreeRoot);
        Kept answer;
        synchronized (kept) {
            answer = kept.get(key);
        }
        // The database's snapshot only when there is an answer to hold it against.
        if (answer != null && answer.snapshot().equals(snapshot())) {
            keptAnswers.increment();
            return answer.totals();
        }
        TotalsQuery.Counted<String> counted = query.counted(campaignId, subtreeRoot, this::snapshot);
        countedAnswers.increment();
        if (counted.totals().eventsProjected() > 0) {
            synchronized (kept) {
                kept.put(key, new Kept(counted.before(), counted.totals()));
            }
        }
        return counted.totals();
    }

    /** The database's snapshot now, or the transaction's inside a repeatable-read one. */
    private String snapshot() {
        return jdbc.sql(SNAPSHOT).query(String.class).single();
    }

    private record Key(@Nullable String campaignId, @Nullable String subtreeRoot) {
    }

    private record Kept(String snapshot, Totals totals) {
    }
}
