package org.jingzhun.platform.relay;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The relay's own tables ({@code relay_log}, {@code relay_watermark}, {@code relay_parked}) and what it
 * reads of Axon's ({@code domain_event_entry}, {@code token_entry}). Every method joins the caller's
 * transaction: the relay writes in the unit of work that stores its token.
 */
class RelayJournal {

    private static final String PARKED = """
            SELECT global_index, event_id, event_type, size_bytes, reason, parked_at,
                   resolved_at, resolution, resolved_by, note
            FROM relay_parked""";

    private final JdbcClient jdbc;
    private final Serializer tokenSerializer;
    private final String processor;

    RelayJournal(JdbcClient jdbc, Serializer tokenSerializer, String processor) {
        this.jdbc = jdbc;
        this.tokenSerializer = tokenSerializer;
        this.processor = processor;
    }

    /** Records that the relay handled these events (sent, parked or not public). */
    void recordHandled(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO relay_log (global_index)
                        SELECT global_index FROM domain_event_entry WHERE event_identifier = ANY(?)
                        ON CONFLICT DO NOTHING""")
                .param(eventIds.toArray(String[]::new))
                .update();
    }

    void recordHandledIndexes(Collection<Long> globalIndexes) {
        if (globalIndexes.isEmpty()) {
            return;
        }
        jdbc.sql("INSERT INTO relay_log (global_index) SELECT unnest(?) ON CONFLICT DO NOTHING")
                .param(globalIndexes.toArray(Long[]::new))
                .update();
    }

    void park(ParkedEvent event) {
        jdbc.sql("""
                        INSERT INTO relay_parked (global_index, event_id, event_type, size_bytes, reason)
                        SELECT global_index, event_identifier, ?, ?, ? FROM domain_event_entry WHERE event_identifier = ?
                        ON CONFLICT (global_index) DO NOTHING""")
                .params(event.type(), event.sizeBytes(), truncate(event.reason()), event.eventId())
                .update();
    }

    long unresolvedParked() {
        return jdbc.sql("SELECT count(*) FROM relay_parked WHERE resolved_at IS NULL").query(Long.class).single();
    }

    List<ParkedEvent> parked(boolean includeResolved) {
        return jdbc.sql(PARKED + " WHERE resolved_at IS NULL OR ? ORDER BY global_index")
                .param(includeResolved)
                .query(RelayJournal::parkedEvent)
                .list();
    }

    /** Locks an unresolved parked event for its resolution; empty if there is none at that index. */
    Optional<ParkedEvent> lockUnresolved(long globalIndex) {
        return jdbc.sql(PARKED + " WHERE global_index = ? AND resolved_at IS NULL FOR UPDATE")
                .param(globalIndex)
                .query(RelayJournal::parkedEvent)
                .optional();
    }

    private static ParkedEvent parkedEvent(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ParkedEvent(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4),
                rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getString(8),
                rs.getString(9), rs.getString(10));
    }

    void resolve(long globalIndex, String resolution, String by, String note) {
        jdbc.sql("""
                        UPDATE relay_parked SET resolved_at = now(), resolution = ?, resolved_by = ?, note = ?
                        WHERE global_index = ? AND resolved_at IS NULL""")
                .params(resolution, by, note == null ? null : truncate(note), globalIndex)
                .update();
    }

    /** The highest committed global index, 0 if the store is empty. */
    long head() {
        return jdbc.sql("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    /**
     * The head and, in the same snapshot, the first transaction id not yet assigned: every transaction
     * that could own an index at or below the head has an id below it (see the V1_4_1 migration).
     */
    Mark mark() {
        return jdbc.sql("""
                        SELECT COALESCE(max(global_index), 0), pg_snapshot_xmax(pg_current_snapshot())::text
                        FROM domain_event_entry""")
                .query((rs, n) -> new Mark(rs.getLong(1), Long.parseLong(rs.getString(2))))
                .single();
    }

    /** Whether every transaction with an id below {@code xmax} has ended (committed or rolled back). */
    boolean settled(Mark mark) {
        return jdbc.sql("SELECT pg_snapshot_xmin(pg_current_snapshot()) >= ?::text::xid8")
                .param(Long.toString(mark.xmax()))
                .query(Boolean.class).single();
    }

    /**
     * Where the relay's committed token stands: the lowest position of its segments and every gap any
     * of them still waits for. Empty before the relay stored a token.
     */
    Optional<Position> position() {
        List<Position> segments = jdbc.sql("SELECT token, token_type FROM token_entry WHERE processor_name = ?")
                .param(processor)
                .query((rs, n) -> toPosition(rs.getBytes(1), rs.getString(2)))
                .list();
        if (segments.isEmpty() || segments.contains(null)) {
            return Optional.empty();
        }
        long index = Long.MAX_VALUE;
        SortedSet<Long> gaps = new TreeSet<>();
        for (Position segment : segments) {
            index = Math.min(index, segment.index());
            gaps.addAll(segment.gaps());
        }
        return Optional.of(new Position(index, gaps));
    }

    private Position toPosition(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        TrackingToken deserialized = tokenSerializer.deserialize(
                new SimpleSerializedObject<>(token, byte[].class, new SimpleSerializedType(type, null)));
        TrackingToken lower = WrappedToken.unwrapLowerBound(deserialized);
        if (lower instanceof GapAwareTrackingToken gapAware) {
            return new Position(gapAware.getIndex(), gapAware.getGaps());
        }
        return null;
    }

    /** The watermark as last committed, without a lock; 0 before the first sweep. */
    long watermark() {
        return jdbc.sql("SELECT watermark FROM relay_watermark WHERE processor_name = ?")
                .param(processor).query(Long.class).optional().orElse(0L);
    }

    /** Locks the watermark row (one sweeper at a time, across instances) and reads it. */
    long lockWatermark() {
        jdbc.sql("""
                        INSERT INTO relay_watermark (processor_name, watermark) VALUES (?, 0)
                        ON CONFLICT (processor_name) DO NOTHING""")
                .param(processor).update();
        return jdbc.sql("SELECT watermark FROM relay_watermark WHERE processor_name = ? FOR UPDATE")
                .param(processor).query(Long.class).single();
    }

    /** Moves the watermark up and forgets the log below it. */
    void advanceWatermark(long watermark) {
        jdbc.sql("""
                        UPDATE relay_watermark SET watermark = GREATEST(watermark, ?), updated_at = now()
                        WHERE processor_name = ?""")
                .params(watermark, processor).update();
        jdbc.sql("DELETE FROM relay_log WHERE global_index <= ?").param(watermark).update();
    }

    /** Committed events in (after, upTo] the relay has no record of, lowest first. */
    List<Long> unlogged(long after, long upTo) {
        return jdbc.sql("""
                        SELECT e.global_index FROM domain_event_entry e
                        WHERE e.global_index > ? AND e.global_index <= ?
                          AND NOT EXISTS (SELECT 1 FROM relay_log r WHERE r.global_index = e.global_index)
                        ORDER BY e.global_index""")
                .params(after, upTo)
                .query(Long.class).list();
    }

    /** Which of these indexes hold a committed event. */
    List<Long> existing(Collection<Long> globalIndexes) {
        if (globalIndexes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE global_index = ANY(?) ORDER BY global_index")
                .param(globalIndexes.toArray(Long[]::new))
                .query(Long.class).list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String truncate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    /** The store's head and the first unassigned transaction id, read in one snapshot. */
    record Mark(long head, long xmax) {
    }

    /** The relay's committed position: everything up to {@code index} passed, except the gaps. */
    record Position(long index, SortedSet<Long> gaps) {
    }
}
