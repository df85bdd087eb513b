package org.jingzhun.faults;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.jingzhun.embedded.EmbeddedKafkaBroker;
import org.jingzhun.embedded.EmbeddedPostgresServer;

/**
 * One piece of infrastructure in a JVM of its own, so that the fault suite can kill it with SIGKILL:
 * {@code postgres DIR PORT} or {@code kafka DIR PORT CONTROLLER_PORT}. Prints {@value #READY} once it
 * accepts clients and runs until killed (SIGTERM closes it cleanly).
 */
public final class InfraMain {

    static final String READY = "INFRA-READY";

    private InfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        AutoCloseable server = switch (args[0]) {
            case "postgres" -> EmbeddedPostgresServer.start(Path.of(args[1]), Integer.parseInt(args[2]));
            case "kafka" -> EmbeddedKafkaBroker.start(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("postgres or kafka, not " + args[0]);
        };
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
