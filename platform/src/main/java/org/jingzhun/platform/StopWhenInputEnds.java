package org.jingzhun.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Stops the service when its standard input ends, if {@value #ENV} is {@code true}. The suite's launcher sets it on
 * every service it starts and holds the other end of that pipe without writing to it, so the launcher's death —
 * even by SIGKILL, which runs none of its shutdown hooks — ends the input and the service shuts down gracefully
 * (Spring's shutdown hook) instead of living on and keeping its port. Off by default: a service started on its own
 * (a container, {@code java -jar}) often has no input at all, and must not take that as a reason to stop.
 * Registered in {@code META-INF/spring.factories}, so it watches from the start of the application, before the
 * context is refreshed.
 */
public final class StopWhenInputEnds implements ApplicationListener<ApplicationStartingEvent> {

    /** The environment variable that switches the watch on. */
    public static final String ENV = "JINGZHUN_STOP_WHEN_INPUT_ENDS";

    private static final AtomicBoolean WATCHING = new AtomicBoolean();

    @Override
    public void onApplicationEvent(ApplicationStartingEvent event) {
        if (!"true".equalsIgnoreCase(System.getenv(ENV)) || !WATCHING.compareAndSet(false, true)) {
            return;
        }
        Thread watch = new Thread(() -> watch(System.in), "stop-when-input-ends");
        watch.setDaemon(true);
        watch.start();
    }

    /** Whether this JVM watches its input (for tests and diagnostics). */
    public static boolean watching() {
        return WATCHING.get();
    }

    private static void watch(InputStream input) {
        try {
            // Nothing is expected on it: what is read is thrown away, only its end counts.
            input.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // a broken pipe is the same news: the starting process is gone
        }
        LoggerFactory.getLogger(StopWhenInputEnds.class)
                .warn("Standard input ended: the process that started this service is gone; shutting down");
        System.exit(0);
    }
}
