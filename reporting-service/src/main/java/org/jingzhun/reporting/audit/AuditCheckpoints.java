package org.jingzhun.reporting.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jingzhun.contracts.audit.Checkpoint;
import org.jingzhun.contracts.audit.MerkleTree;
import org.jingzhun.platform.web.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed checkpoints of the audit trail ({@link Checkpoint}): made every {@code checkpointEveryEvents}
 * events or {@code checkpointEvery} while events arrive, or on request; and inclusion proofs against the
 * latest one.
 *
 * <p>A checkpoint covers every row whose position is at most its own. Positions are taken at insert, so
 * a row with a lower position could still be uncommitted when a higher one is visible; the audit trail
 * therefore inserts under a shared advisory lock and the checkpointer reads the highest position under
 * the exclusive one: every position it sees below is then committed (or never will be).
 */
@Component
class AuditCheckpoints implements SmartLifecycle {

    /** The advisory lock between the audit trail's inserts (shared) and the checkpointer (exclusive). */
    static final long POSITION_LOCK = 0x6a7a_6175_6469_74L;

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final int FETCH_SIZE = 10_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate cursor;
    private final TransactionTemplate transactions;
    private final SigningKey key;
    private final AuditSettings settings;
    private final Clock clock;
    private final Instant started;
    private ScheduledExecutorService scheduler;
    private volatile Tree tree;

    AuditCheckpoints(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, SigningKey key,
                     AuditSettings settings) {
        this.jdbc = jdbc;
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(FETCH_SIZE);
        this.transactions = new TransactionTemplate(transactions);
        this.key = key;
        this.settings = settings;
        this.clock = Clock.systemUTC();
        this.started = clock.instant();
    }

    /** The public half of the signing key (base64 X.509). */
    String publicKey() {
        return key.publicKey();
    }

    /** Every checkpoint, oldest first. */
    List<Checkpoint> all() {
        return jdbc.sql("SELECT position, events, root, signature, made_at FROM audit_checkpoint ORDER BY position")
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The latest checkpoint, if any. */
    Optional<Checkpoint> latest() {
        List<Checkpoint> all = jdbc.sql("""
                        SELECT position, events, root, signature, made_at FROM audit_checkpoint
                        ORDER BY position DESC LIMIT 1""")
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
        return all.stream().findFirst();
    }

    /** The latest checkpoint at or below a position (what an export up to that position can be checked against). */
    Optional<Checkpoint> latestUpTo(long position) {
        return jdbc.sql("""
                        SELECT position, events, root, signature, made_at FROM audit_checkpoint
                        WHERE position <= :position ORDER BY position DESC LIMIT 1""")
                .param("position", position)
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * The highest position of the trail below which every row is committed (read under the exclusive lock,
     * see the class comment); 0 for an empty trail.
     */
    long stableHead() {
        return transactions.execute(status -> {
            jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:lock)").param("lock", POSITION_LOCK).query(Integer.class).single();
            return jdbc.sql("SELECT COALESCE(max(position), 0) FROM audit_event").query(Long.class).single();
        });
    }

    /**
     * Makes a checkpoint of everything recorded so far, unless the latest one already covers it; returns
     * the checkpoint that covers it.
     *
     * <p>It extends the latest checkpoint's compact range ({@link MerkleTree.Frontier}, kept in its row) by the
     * hashes after that checkpoint's position, so it reads what arrived since, not the whole trail (at ~930,000
     * events, re-reading and re-hashing everything took ~7 s per checkpoint and, made every 1,000 events, half of
     * the reporting database's statement time under load; docs/benchmarks.md). What the latest checkpoint signed
     * is therefore signed again as it was then: a row altered since it shows in that row's inclusion proof and in
     * an export's recomputed root, and is not folded into the next root. A checkpoint without a kept range
     * (made before ranges were kept) is extended from the whole trail, once.
     */
    synchronized Checkpoint make() {
        long position = stableHead();
        Optional<Checkpoint> latest = latest();
        if (latest.isPresent() && latest.get().position() >= position) {
            return latest.get();
        }
        // Carry on from the latest checkpoint's kept range, or (none kept) from the start of the trail.
        Optional<MerkleTree.Frontier> kept = latest.flatMap(this::frontier);
        long from = kept.isPresent() ? latest.get().position() : 0;
        MerkleTree.Frontier extended = kept.orElseGet(MerkleTree.Frontier::empty);
        long before = extended.size();
        transactions.executeWithoutResult(status -> cursor.query(
                "SELECT hash FROM audit_event WHERE position > ? AND position <= ? AND hash IS NOT NULL ORDER BY position",
                rs -> {
                    extended.append(Checkpoint.leafHash(rs.getString(1)));
                }, from, position));
        Checkpoint checkpoint = Checkpoint.sign(position, extended.size(), extended.root(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), key.privateKey());
        HexFormat hex = HexFormat.of();
        jdbc.sql("""
                        INSERT INTO audit_checkpoint (position, events, root, signature, made_at, frontier)
                        VALUES (:position, :events, :root, :signature, :at, :frontier) ON CONFLICT (position) DO NOTHING""")
                .param("position", checkpoint.position())
                .param("events", checkpoint.events())
                .param("root", checkpoint.root())
                .param("signature", checkpoint.signature())
                .param("at", OffsetDateTime.ofInstant(checkpoint.at(), ZoneOffset.UTC))
                .param("frontier", String.join(",", extended.roots().stream().map(hex::formatHex).toList()))
                .update();
        log.info("Audit checkpoint at position {}: {} events ({} read since position {}), root {}", position,
                extended.size(), extended.size() - before, from, checkpoint.root());
        return latest().orElse(checkpoint);
    }

    /** The compact range kept with a checkpoint, if it was kept and agrees with the checkpoint's leaves and root. */
    private Optional<MerkleTree.Frontier> frontier(Checkpoint checkpoint) {
        String kept = jdbc.sql("SELECT frontier FROM audit_checkpoint WHERE position = :position")
                .param("position", checkpoint.position()).query(String.class).optional().orElse(null);
        if (kept == null) {
            return Optional.empty();
        }
        try {
            HexFormat hex = HexFormat.of();
            List<byte[]> roots = kept.isEmpty() ? List.of()
                    : java.util.Arrays.stream(kept.split(",")).map(hex::parseHex).toList();
            MerkleTree.Frontier frontier = MerkleTree.Frontier.of(checkpoint.events(), roots);
            return hex.formatHex(frontier.root()).equals(checkpoint.root()) ? Optional.of(frontier) : Optional.empty();
        } catch (IllegalArgumentException e) {
            log.warn("Audit checkpoint at position {} keeps an unreadable range; the next one reads the whole trail",
                    checkpoint.position());
            return Optional.empty();
        }
    }

    /** The inclusion proof of an event against the latest checkpoint. */
    InclusionProof proof(String eventId) {
        List<java.util.Map<String, Object>> rows = jdbc.sql("SELECT position, hash FROM audit_event WHERE event_id = :id")
                .param("id", eventId).query().listOfRows();
        if (rows.isEmpty()) {
            throw new RuleViolation(RuleViolation.Kind.NOT_FOUND, "audit.event-not-found", "eventId",
                    "No event " + eventId + " in the audit trail");
        }
        long position = ((Number) rows.get(0).get("position")).longValue();
        String hash = (String) rows.get(0).get("hash");
        if (hash == null) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "audit.event-not-hashed", "eventId",
                    "Event " + eventId + " was recorded before events were hashed: no checkpoint covers it");
        }
        Checkpoint checkpoint = latest().filter(c -> c.position() >= position).orElseThrow(() -> new RuleViolation(
                RuleViolation.Kind.CONFLICT, "audit.event-not-checkpointed", "eventId", "Event " + eventId
                + " is not covered by a checkpoint yet; the next one will cover it (POST /api/audit/checkpoints makes one now)"));
        Tree tree = tree(checkpoint);
        int index = java.util.Arrays.binarySearch(tree.positions(), position);
        if (index < 0) {
            // Changed after the checkpoint: the row's position or hash is not the one the checkpoint covered.
            index = -index - 1;
        }
        List<byte[]> path = index < tree.levels().size() ? tree.levels().auditPath(index) : List.of();
        HexFormat hex = HexFormat.of();
        boolean verified = MerkleTree.verifyInclusion(Checkpoint.leafHash(hash), index, tree.levels().size(), path,
                hex.parseHex(checkpoint.root()));
        return new InclusionProof(eventId, hash, position, index, tree.levels().size(),
                path.stream().map(hex::formatHex).toList(), checkpoint, verified);
    }

    /**
     * An RFC 6962 audit path: {@code leaf = SHA-256(0x00 ‖ hash as ASCII)}, the path from the leaf upwards.
     *
     * @param verified whether the path leads from the stored event hash to the checkpoint's root (false
     *                 when the trail was changed after the checkpoint)
     */
    record InclusionProof(String eventId, String hash, long position, long leafIndex, long treeSize, List<String> path,
                          Checkpoint checkpoint, boolean verified) {
    }

    /**
     * The tree of a checkpoint, kept for the latest one asked for: rebuilding it for every proof read every
     * hash up to the checkpoint and hashed them all (about 0.2 s of hashing alone at 100,000 events, see
     * the README), with the levels kept a proof costs O(log² n). Built from the trail as it is now: a row
     * changed since the checkpoint shows as a proof that does not verify.
     */
    private Tree tree(Checkpoint checkpoint) {
        Tree kept = tree;
        if (kept != null && kept.position() == checkpoint.position() && kept.root().equals(checkpoint.root())) {
            return kept;
        }
        List<Long> positions = new ArrayList<>();
        List<byte[]> leaves = new ArrayList<>();
        transactions.executeWithoutResult(status -> cursor.query(
                "SELECT position, hash FROM audit_event WHERE position <= ? AND hash IS NOT NULL ORDER BY position",
                rs -> {
                    positions.add(rs.getLong(1));
                    leaves.add(Checkpoint.leafHash(rs.getString(2)));
                }, checkpoint.position()));
        kept = new Tree(checkpoint.position(), checkpoint.root(),
                positions.stream().mapToLong(Long::longValue).toArray(), MerkleTree.Levels.of(leaves));
        if (HexFormat.of().formatHex(kept.levels().root()).equals(checkpoint.root())) {
            // Only a tree the checkpoint signed is kept: a trail changed since is read again next time.
            tree = kept;
        }
        return kept;
    }

    /** A checkpoint's tree: the positions of its leaves, in order, and its levels. */
    private record Tree(long position, String root, long[] positions, MerkleTree.Levels levels) {
    }

    /** Whether a checkpoint is due: enough events since the last one, or events and enough time. */
    boolean due() {
        Optional<Checkpoint> latest = latest();
        long since = latest.map(Checkpoint::position).orElse(0L);
        long newer = jdbc.sql("SELECT count(*) FROM audit_event WHERE position > :since").param("since", since)
                .query(Long.class).single();
        if (newer == 0) {
            return false;
        }
        Instant last = latest.map(Checkpoint::at).orElse(started);
        return newer >= settings.checkpointEveryEvents()
                || !clock.instant().isBefore(last.plus(settings.checkpointEvery()));
    }

    private void tick() {
        try {
            if (due()) {
                make();
            }
        } catch (RuntimeException e) {
            log.warn("Audit checkpoint failed; trying again in {}", settings.checkpointPoll(), e);
        }
    }

    @Override
    public synchronized void start() {
        if (settings.checkpointPoll().isZero()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.checkpointPoll().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
