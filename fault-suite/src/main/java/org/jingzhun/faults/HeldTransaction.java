package org.jingzhun.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real command's transaction held open between the insert of its event and its commit, as a GC pause,
 * a lock wait or a slow disk would hold it: a trigger on the event store makes the insert of an event
 * whose payload carries {@link #MARKER} wait for an advisory lock that the fault suite holds. The
 * event's global index is taken (the gap is there for the relay's tracker) and nothing commits until
 * the fault suite lets go.
 */
final class HeldTransaction implements AutoCloseable {

    static final String MARKER = "HOLD-OPEN";
    private static final long LOCK = 4242_0010L;

    private final Connection connection;

    HeldTransaction(DataSource database) throws SQLException {
        connection = database.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE FUNCTION fault_suite_hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF position('" + MARKER + "' in convert_from(NEW.payload, 'UTF8')) > 0 THEN "
                    + "PERFORM pg_advisory_xact_lock_shared(" + LOCK + "); END IF; RETURN NEW; END $$");
            statement.execute("DROP TRIGGER IF EXISTS fault_suite_hold ON domain_event_entry");
            statement.execute("CREATE TRIGGER fault_suite_hold AFTER INSERT ON domain_event_entry "
                    + "FOR EACH ROW EXECUTE FUNCTION fault_suite_hold()");
            statement.execute("SELECT pg_advisory_lock(" + LOCK + ")");
        }
    }

    /** Whether a transaction is waiting in the trigger, i.e. its event is inserted and not committed. */
    boolean holding() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                     + "AND NOT granted AND objid = " + (LOCK & 0xffffffffL))) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    /** Committed events (visible to other transactions) in the store. */
    long committedEvents() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Lets the held transaction commit, and removes the trigger. */
    @Override
    public void close() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
            statement.execute("DROP TRIGGER IF EXISTS fault_suite_hold ON domain_event_entry");
        } finally {
            connection.close();
        }
    }
}
