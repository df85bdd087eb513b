package org.jingzhun.contracts.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the chains of a writing service's event store (Axon's {@code domain_event_entry} in PostgreSQL),
 * read over plain JDBC in one snapshot, aggregate by aggregate in sequence order: each public event's hash
 * recomputes from the stored row (id, type from its payload class and revision, aggregate, sequence, time,
 * payload JSON) and links to the previous public event of its aggregate, with the {@link EventHash#HASH} and
 * {@link EventHash#PREV_HASH} of its stored metadata. Non-public events (never published) are in no chain
 * and are skipped. Used by the standalone verifier and by the writing services' own check; JDK only.
 */
public final class EventStoreChains {

    private static final int FETCH_SIZE = 10_000;
    private static final Pattern PUBLIC_EVENT = Pattern.compile(
            "org\\.jingzhun\\.contracts\\.([a-z]+)\\.([A-Z][A-Za-z0-9]*)");

    private EventStoreChains() {
    }

    /**
     * Feeds every public event of the store to {@code chains}, in chain order; returns how many non-public
     * events were skipped. The connection's auto-commit is switched off (a cursor needs a transaction).
     */
    public static long check(Connection connection, ChainVerifier chains) throws SQLException {
        long skipped = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement rows = connection.prepareStatement("""
                SELECT event_identifier, payload_type, payload_revision, aggregate_identifier, sequence_number,
                       time_stamp, convert_from(payload, 'UTF8'), convert_from(meta_data, 'UTF8')
                FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number""")) {
            rows.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    String type = cloudEventType(rs.getString(2), rs.getString(3));
                    if (type == null) {
                        skipped++;
                        continue;
                    }
                    String meta = rs.getString(8);
                    chains.accept(new ChainVerifier.Link(rs.getString(1), type, rs.getString(4), rs.getLong(5),
                            time(rs.getString(6)), rs.getString(7), metaData(meta, EventHash.HASH),
                            metaData(meta, EventHash.PREV_HASH)));
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        return skipped;
    }

    /**
     * The CloudEvents type of a stored event, {@code jingzhun.<service>.<Name>.v<revision>}, from its payload
     * class and revision: public events are exactly the records of {@code org.jingzhun.contracts.<service>}
     * (the event catalog's rule, applied here without loading the classes). Null for a non-public event.
     */
    public static String cloudEventType(String payloadType, String revision) {
        Matcher matcher = PUBLIC_EVENT.matcher(payloadType == null ? "" : payloadType);
        if (!matcher.matches()) {
            return null;
        }
        return "jingzhun." + matcher.group(1) + "." + matcher.group(2) + ".v"
                + (revision == null || revision.isBlank() ? "1" : revision);
    }

    /** A string value of the metadata (Axon writes it as one flat JSON object); null when absent. */
    static String metaData(String json, String key) {
        if (json == null) {
            return null;
        }
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"\\\\]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static Instant time(String stored) {
        try {
            return Instant.parse(stored);
        } catch (DateTimeParseException | NullPointerException e) {
            return Instant.EPOCH;
        }
    }
}
