package org.jingzhun.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.audit.ChainVerifier;

/**
 * {@code java -jar jingzhun-verify.jar --ndjson FILE | --bootstrap-servers HOST:PORT [options]}: recomputes
 * every event hash and chain link (and, for an audit export, every checkpoint's Merkle root and signature),
 * prints what is intact and the first event that is not; given both, also holds the topics to the export's
 * signed checkpoints. Exit status 0 only when everything is intact,
 * 1 when something is broken, 2 when it could not check (bad arguments, unreadable input).
 */
public final class Verify {

    static final String USAGE = """
            Usage: java -jar jingzhun-verify.jar (--ndjson FILE | --bootstrap-servers HOST:PORT | both
                                                  | --event-store JDBC_URL) [options]

              --ndjson FILE               an audit export (GET /api/audit/events), '-' for standard input
              --bootstrap-servers H:P     read the event topics from the beginning to their current end
                                          (both: each is checked, then every event the export's signed
                                          checkpoints cover must be on the topics with the same hash)
              --event-store JDBC_URL      a writing service's PostgreSQL event store (jdbc:postgresql://…),
                                          checked on its own; --db-user and --db-password to log in
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
            --bootstrap-servers alone the hashes and links are checked; give an export too (--ndjson) to
            hold the topics to the signed checkpoints (a record dropped from the end of a chain, a whole
            aggregate removed, a record replaced with a consistently re-hashed one).
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
        int limit = options.all() ? Integer.MAX_VALUE : 20;
        if (options.eventStore() != null) {
            try {
                Report report = EventStoreSource.verify(options.eventStore(), options.dbUser(), options.dbPassword());
                report.print(out, limit);
                return report.intact() ? 0 : 1;
            } catch (java.sql.SQLException | RuntimeException e) {
                err.println("Could not verify: " + e.getMessage());
                return 2;
            }
        }
        try {
            boolean both = options.ndjson() != null && options.bootstrapServers() != null;
            List<Report> reports = new ArrayList<>();
            if (options.ndjson() != null) {
                reports.add(NdjsonSource.verify(options.ndjson(), options.publicKey(), both));
            }
            if (options.bootstrapServers() != null) {
                reports.add(TopicSource.verify(options.bootstrapServers(), options.topics(),
                        options.consumerProperties(), both));
            }
            if (both) {
                reports.add(compare(reports.get(0), reports.get(1)));
            }
            boolean intact = true;
            for (Report report : reports) {
                if (reports.size() > 1) {
                    out.println();
                }
                report.print(out, limit);
                intact &= report.intact();
            }
            return intact ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("Could not verify: " + e.getMessage());
            return 2;
        }
    }

    /**
     * The topics held to the export's signed checkpoints: every export event at or below the highest intact
     * checkpoint must be on a topic with the same hash. (Topic records the export lacks are not broken: the
     * export may be older than the topics; within a chain the export's own links already show a gap.)
     */
    static Report compare(Report export, Report topics) {
        Report report = new Report("the topics against the export's signed events", new ChainVerifier(false));
        long signedUpTo = export.signedUpTo();
        long compared = 0;
        for (Map.Entry<String, Report.Seen> entry : export.events().entrySet()) {
            Report.Seen signed = entry.getValue();
            if (signed.hash() == null || signed.position() < 0 || signed.position() > signedUpTo) {
                continue;
            }
            compared++;
            Report.Seen onTopic = topics.events().get(entry.getKey());
            if (onTopic == null) {
                report.eventBroken(entry.getKey(), "missing from the topics: the export has it at position "
                        + signed.position() + " (" + signed.where() + "), under a signed checkpoint");
            } else if (!signed.hash().equals(onTopic.hash())) {
                report.eventBroken(entry.getKey(), "differs: on the topics (" + onTopic.where() + ") its hash is "
                        + onTopic.hash() + ", the signed export's " + signed.hash());
            }
        }
        report.summary(signedUpTo < 0
                ? "Events compared: none (no checkpoint of the export is intact)"
                : "Events compared: " + compared + " (every hashed export event up to checkpoint position "
                + signedUpTo + ")");
        if (signedUpTo < 0) {
            report.checkpointBroken("no intact checkpoint in the export to hold the topics to");
        }
        return report;
    }

    /** The command line. */
    record Options(String ndjson, String bootstrapServers, List<String> topics, String publicKey,
                   List<String> consumerProperties, boolean all, boolean help, String eventStore, String dbUser,
                   String dbPassword) {

        static Options parse(String[] args) {
            String ndjson = null;
            String servers = null;
            List<String> topics = List.of();
            String key = null;
            List<String> properties = new ArrayList<>();
            boolean all = false;
            boolean help = false;
            String eventStore = null;
            String dbUser = null;
            String dbPassword = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--ndjson" -> ndjson = value(args, ++i, arg);
                    case "--bootstrap-servers" -> servers = value(args, ++i, arg);
                    case "--topics" -> topics = List.of(value(args, ++i, arg).split(","));
                    case "--public-key" -> key = value(args, ++i, arg);
                    case "--consumer-property" -> properties.add(value(args, ++i, arg));
                    case "--event-store" -> eventStore = value(args, ++i, arg);
                    case "--db-user" -> dbUser = value(args, ++i, arg);
                    case "--db-password" -> dbPassword = value(args, ++i, arg);
                    case "--all" -> all = true;
                    case "--help", "-h" -> help = true;
                    default -> throw new IllegalArgumentException("Unknown option " + arg);
                }
            }
            if (!help && ndjson == null && servers == null && eventStore == null) {
                throw new IllegalArgumentException("Give --ndjson, --bootstrap-servers (or both), or --event-store");
            }
            if (eventStore != null && (ndjson != null || servers != null)) {
                throw new IllegalArgumentException("--event-store is checked on its own, without --ndjson or"
                        + " --bootstrap-servers");
            }
            return new Options(ndjson, servers, topics, readKey(key), properties, all, help, eventStore, dbUser,
                    dbPassword);
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
