package org.jingzhun.verifier;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.jingzhun.contracts.audit.ChainVerifier;
import org.jingzhun.contracts.audit.EventStoreChains;

/**
 * A writing service's event store (PostgreSQL, Axon's {@code domain_event_entry}), read in one read-only
 * snapshot and checked chain by chain ({@link EventStoreChains}).
 */
final class EventStoreSource {

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
        long skipped;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, props)) {
            connection.setReadOnly(true);
            skipped = EventStoreChains.check(connection, chains);
        }
        if (skipped > 0) {
            report.note(skipped + " non-public events (not in the event catalog, never published) are not in any"
                    + " chain and were not checked");
        }
        report.note("an event store holds no checkpoint: the last events of a chain, or a whole aggregate, deleted"
                + " from it show only against a signed audit export (--ndjson)");
        return report;
    }
}
