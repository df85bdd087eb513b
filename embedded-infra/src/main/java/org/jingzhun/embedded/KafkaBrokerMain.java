package org.jingzhun.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * An {@link EmbeddedKafkaBroker} in a JVM of its own: {@code KafkaBrokerMain DIR PORT CONTROLLER_PORT} (a port of
 * 0 picks a free one). Prints {@value #READY} and the bootstrap servers on one line once the broker accepts
 * clients. It runs until SIGTERM or until its standard input ends — the starting process holds the other end of
 * that pipe, so its death, even by SIGKILL, stops the broker too — and closes the broker cleanly either way.
 * Fails with exit code 1 (and the cause on standard error) when the broker cannot start.
 */
public final class KafkaBrokerMain {

    /** The start of the line announcing the broker: what follows is its bootstrap servers. */
    public static final String READY = "KAFKA-READY ";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain DIR PORT CONTROLLER_PORT");
            System.exit(2);
        }
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-stop"));
        System.out.println(READY + broker.bootstrapServers());
        System.out.flush();
        // Nothing is read: the end of the input is the signal that the starting process is gone.
        System.in.transferTo(OutputStream.nullOutputStream());
        System.exit(0);
    }
}
