package org.jingzhun.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar jingzhun-verify.jar --ndjson FILE | --bootstrap-servers HOST:PORT [options]}: recomputes
 * every event hash and chain link (and, for an audit export, every checkpoint's Merkle root and signature),
 * prints what is intact and the first event that is not. Exit status 0 only when everything is intact,
 * 1 when something is broken, 2 when it could not check (bad arguments, unreadable input).
 */
public final class Verify {

    static final String USAGE = """
            Usage: java -jar jingzhun-verify.jar (--ndjson FILE | --bootstrap-servers HOST:PORT) [options]

              --ndjson FILE               an audit export (GET /api/audit/events), '-' for standard input
              --bootstrap-servers H:P     read the event topics from the beginning to their current end
              --topics T1,T2              topics to read (default: every topic named jingzhun.<service>.events)
              --public-key KEY|FILE       the checkpoint key (GET /api/audit/key, base64 X.509); without it,
                                          signatures are checked with the key written in the export
              --consumer-property K=V     an extra Kafka client setting (TLS, SASL, ...); repeatable
              --all                       list every broken event, not only the first 20
              --help                      this text

            Checks: every event's jingzhun_hash recomputes from its fields (contracts/AUDIT-CHAIN.md); every
            event links to the previous event of its aggregate's chain; every checkpoint of an export is the
            Merkle root of the export's events up to its position and carries a valid Ed25519 signature.
            Checkpoints are made over the reporting service's audit trail, not written to the topics: with
            --bootstrap-servers the hashes and links are checked; check checkpoints with an export.
            Exit status: 0 everything intact, 1 something broken, 2 could not check.""";

    private Verify() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the verifier; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println();
            err.println(USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(USAGE);
            return 0;
        }
        try {
            Report report = options.ndjson() != null
                    ? NdjsonSource.verify(options.ndjson(), options.publicKey())
                    : TopicSource.verify(options.bootstrapServers(), options.topics(), options.consumerProperties());
            report.print(out, options.all() ? Integer.MAX_VALUE : 20);
            return report.intact() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("Could not verify: " + e.getMessage());
            return 2;
        }
    }

    /** The command line. */
    record Options(String ndjson, String bootstrapServers, List<String> topics, String publicKey,
                   List<String> consumerProperties, boolean all, boolean help) {

        static Options parse(String[] args) {
            String ndjson = null;
            String servers = null;
            List<String> topics = List.of();
            String key = null;
            List<String> properties = new ArrayList<>();
            boolean all = false;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--ndjson" -> ndjson = value(args, ++i, arg);
                    case "--bootstrap-servers" -> servers = value(args, ++i, arg);
                    case "--topics" -> topics = List.of(value(args, ++i, arg).split(","));
                    case "--public-key" -> key = value(args, ++i, arg);
                    case "--consumer-property" -> properties.add(value(args, ++i, arg));
                    case "--all" -> all = true;
                    case "--help", "-h" -> help = true;
                    default -> throw new IllegalArgumentException("Unknown option " + arg);
                }
            }
            if (!help && (ndjson == null) == (servers == null)) {
                throw new IllegalArgumentException("Give exactly one of --ndjson and --bootstrap-servers");
            }
            return new Options(ndjson, servers, topics, readKey(key), properties, all, help);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static String readKey(String key) {
            if (key == null) {
                return null;
            }
            Path file = Path.of(key);
            try {
                if (Files.isRegularFile(file)) {
                    return Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("Cannot read --public-key " + key + ": " + e.getMessage());
            }
            return key;
        }
    }
}
