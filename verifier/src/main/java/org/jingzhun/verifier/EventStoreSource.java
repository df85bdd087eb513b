package org.jingzhun.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jingzhun.contracts.audit.ChainVerifier;
import org.jingzhun.contracts.audit.EventHash;

/**
 * A writing service's event store (PostgreSQL, Axon's {@code domain_event_entry}), read in one read-only
 * snapshot, aggregate by aggregate in sequence order: each public event's hash recomputes from the stored
 * row (id, type from its payload class and revision, aggregate, sequence, time, payload JSON) and links to the previous
 * public event of its aggregate, with the {@code jingzhun_hash}/{@code jingzhun_prev_hash} of its stored
 * metadata. Non-public events (not in the catalog, never published) do not extend a chain and are skipped.
 */
final class EventStoreSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH_SIZE = 10_000;
    private static final Pattern PUBLIC_EVENT = Pattern.compile(
            "org\\.jingzhun\\.contracts\\.([a-z]+)\\.([A-Z][A-Za-z0-9]*)");

    private EventStoreSource() {
    }

    static Report verify(String jdbcUrl, String user, String password) throws SQLException {
        ChainVerifier chains = new ChainVerifier(false);
        Report report = new Report("event store " + jdbcUrl, chains);
        Properties props = new Properties();
        if (user != null) {
            props.put("user", user);
        }
        if (password != null) {
            props.put("password", password);
        }
        long skipped = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, props)) {
            // A cursor (fetch size) needs a transaction; read-only, one snapshot of the whole store.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement rows = connection.prepareStatement("""
                    SELECT event_identifier, payload_type, aggregate_identifier, sequence_number, time_stamp,
                           convert_from(payload, 'UTF8'), convert_from(meta_data, 'UTF8'), payload_revision
                    FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number""")) {
                rows.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = rows.executeQuery()) {
                    while (rs.next()) {
                        String type = cloudEventType(rs.getString(2), rs.getString(8));
                        if (type == null) {
                            skipped++;
                            continue;
                        }
                        JsonNode meta = metaData(rs.getString(7));
                        chains.accept(new ChainVerifier.Link(rs.getString(1), type, rs.getString(3), rs.getLong(4),
                                time(rs.getString(5)), rs.getString(6), text(meta, EventHash.HASH),
                                text(meta, EventHash.PREV_HASH)));
                    }
                }
            } finally {
                connection.rollback();
            }
        }
        if (skipped > 0) {
            report.note(skipped + " non-public events (not in the event catalog, never published) are not in any"
                    + " chain and were not checked");
        }
        report.note("an event store holds no checkpoint: the last events of a chain, or a whole aggregate, deleted"
                + " from it show only against a signed audit export (--ndjson)");
        return report;
    }

    /**
     * The CloudEvents type of a stored event, {@code jingzhun.<service>.<Name>.v<revision>}, from its payload
     * class and revision: public events are exactly the records of {@code org.jingzhun.contracts.<service>}
     * (the event catalog; read here without loading the classes). Null for any other (non-public) event.
     */
    static String cloudEventType(String payloadType, String revision) {
        Matcher matcher = PUBLIC_EVENT.matcher(payloadType == null ? "" : payloadType);
        if (!matcher.matches()) {
            return null;
        }
        return "jingzhun." + matcher.group(1) + "." + matcher.group(2) + ".v"
                + (revision == null || revision.isBlank() ? "1" : revision);
    }

    private static JsonNode metaData(String text) {
        if (text == null) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            // Unreadable metadata: no hash to check against, which the chain check reports.
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode meta, String field) {
        JsonNode value = meta.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static Instant time(String stored) {
        try {
            return Instant.parse(stored);
        } catch (DateTimeParseException | NullPointerException e) {
            return Instant.EPOCH;
        }
    }
}
