package org.jingzhun.faults;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.jingzhun.embedded.EmbeddedPostgresServer;

/**
 * PostgreSQL in a JVM of its own, so that the fault suite can kill it with SIGKILL: {@code postgres DIR PORT}.
 * Prints {@value #READY} once it accepts clients and runs until killed (SIGTERM closes it cleanly). Kafka's broker
 * runs the suite's own way, {@link org.jingzhun.embedded.KafkaBrokerMain}, which also stops when this JVM is gone.
 */
public final class InfraMain {

    static final String READY = "INFRA-READY";

    private InfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (!"postgres".equals(args[0])) {
            throw new IllegalArgumentException("postgres, not " + args[0] + " (Kafka: KafkaBrokerMain)");
        }
        AutoCloseable server = EmbeddedPostgresServer.start(Path.of(args[1]), Integer.parseInt(args[2]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        System.out.println(READY);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
