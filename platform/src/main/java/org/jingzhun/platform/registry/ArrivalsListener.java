package org.jingzhun.platform.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on {@link Arrivals#CHANNEL} with a connection of its own and wakes this instance's waiters
 * for every key another instance's (or this one's) projector committed. Reconnects after a failure;
 * meanwhile waiters still look again every second.
 */
final class ArrivalsListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ArrivalsListener.class);
    private static final int POLL_MILLIS = 500;

    private final DataSource dataSource;
    private final Arrivals arrivals;
    private volatile Thread thread;
    private volatile boolean listening;

    ArrivalsListener(DataSource dataSource, Arrivals arrivals) {
        this.dataSource = dataSource;
        this.arrivals = arrivals;
    }

    @Override
    public synchronized void start() {
        Thread listener = new Thread(this::run, "registry-arrivals");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    /** Whether the listener is connected and listening now (for tests). */
    boolean listening() {
        return listening;
    }

    private void run() {
        while (thread == Thread.currentThread() && !Thread.currentThread().isInterrupted()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + Arrivals.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                while (thread == Thread.currentThread() && !Thread.currentThread().isInterrupted()) {
                    PGNotification[] received = pg.getNotifications(POLL_MILLIS);
                    if (received != null && received.length > 0) {
                        List<String> keys = new ArrayList<>(received.length);
                        for (PGNotification notification : received) {
                            keys.add(notification.getParameter());
                        }
                        arrivals.announce(keys);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (thread != Thread.currentThread()) {
                    return;
                }
                log.warn("Registry arrivals listener lost its connection; reconnecting in 1 s", e);
                try {
                    Thread.sleep(1000); // back-off before reconnecting, not a wait for async work
                } catch (InterruptedException interrupted) {
                    return;
                }
            } finally {
                listening = false;
            }
        }
    }

    @Override
    public synchronized void stop() {
        Thread listener = thread;
        thread = null;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
