/*
 * What PostgreSQL alone spends per event on the two tables every replay writes for each event: the audit trail
 * (audit_event) and the applied event ids (projector_applied_event), sent the way the rebuild sends them and the
 * other ways one could. A measurement for docs/benchmarks.md ("What 50,000 events/s would take"), not a test.
 *
 *   java -cp ~/.m2/repository/org/postgresql/postgresql/42.7.8/postgresql-42.7.8.jar \
 *        benchmarks/AuditInsertCost.java [--rows=5000] [--rounds=10] [--jdbc=jdbc:postgresql://127.0.0.1:5432/reporting]
 *
 * Point it at the reporting database of a suite holding a history (java -jar suite/target/jingzhun-suite.jar --demo;
 * the embedded PostgreSQL listens on --postgres-port, user postgres, no password). It reads the first --rows rows
 * of audit_event, then each round, into throw-away tables it creates beside them (exp_audit, a copy of audit_event
 * with its two unique indexes, and exp_applied) — truncated before every insert, one transaction per insert with
 * synchronous_commit=off as the rebuild's scratch connection — times: "unnest" (AuditTrail.applyAll's statement:
 * 16 text[] parameters), "copy" (COPY FROM STDIN, text format, the same columns but organization and campaign),
 * "ids-unnest" (ProjectionWriter.fresh's statement) and "ids-copy" (COPY into a temporary table, then the same
 * INSERT … ON CONFLICT DO NOTHING RETURNING). Prints each one's median and minimum over the rounds after the first
 * two, and drops its tables.
 */

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.postgresql.PGConnection;

public class AuditInsertCost {

    private static final String[] COLUMNS = {"event_id", "type", "topic", "partition_no", "offset_no", "subject",
            "sequence_no", "actor", "recorded_at", "payload", "raw_payload", "hash", "prev_hash", "causation_source",
            "causation_id"};

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int limit = Integer.parseInt(options.getOrDefault("rows", "5000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "10"));
        String url = options.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/reporting");
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            List<String[]> rows = read(connection, limit);
            System.out.printf("rows: %d (payload %.0f characters on average)%n", rows.size(),
                    rows.stream().mapToInt(row -> row[9].length()).average().orElse(0));
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE IF EXISTS exp_audit, exp_applied");
                s.execute("CREATE TABLE exp_audit (LIKE audit_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
                        + " INCLUDING IDENTITY INCLUDING GENERATED)");
                s.execute("ALTER TABLE exp_audit ADD UNIQUE (event_id), ADD UNIQUE (position)");
                s.execute("CREATE TABLE exp_applied (projector TEXT, event_id TEXT, topic TEXT, partition_no INT,"
                        + " offset_no BIGINT, PRIMARY KEY (projector, event_id))");
            }
            connection.setAutoCommit(false);
            Map<String, List<Long>> micros = new TreeMap<>();
            for (int round = 0; round < rounds; round++) {
                for (String way : List.of("unnest", "copy", "ids-unnest", "ids-copy")) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("TRUNCATE exp_audit, exp_applied");
                        s.execute("SET LOCAL synchronous_commit = off");
                    }
                    connection.commit();
                    long start = System.nanoTime();
                    switch (way) {
                        case "unnest" -> auditByUnnest(connection, rows);
                        case "copy" -> auditByCopy(connection, rows);
                        case "ids-unnest" -> idsByUnnest(connection, rows);
                        default -> idsByCopy(connection, rows);
                    }
                    long took = System.nanoTime() - start;
                    connection.commit();
                    if (round >= 2) {
                        micros.computeIfAbsent(way, k -> new ArrayList<>()).add(took / 1000);
                    }
                }
            }
            micros.forEach((way, values) -> {
                Collections.sort(values);
                double median = values.get(values.size() / 2) / 1000.0;
                System.out.printf("%-10s median %6.1f ms  min %6.1f ms  (%.1f µs per event)%n", way, median,
                        values.get(0) / 1000.0, median * 1000 / rows.size());
            });
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE exp_audit, exp_applied");
            }
            connection.commit();
        }
    }

    private static List<String[]> read(Connection connection, int limit) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT event_id, type, topic, partition_no::text,"
                + " offset_no::text, subject, sequence_no::text, actor, recorded_at::text, payload::text, raw_payload,"
                + " hash, prev_hash, causation_source, causation_id FROM audit_event ORDER BY position LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String[] row = new String[COLUMNS.length];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static void auditByUnnest(Connection connection, List<String[]> rows) throws SQLException {
        StringBuilder unnest = new StringBuilder("unnest(");
        for (int i = 0; i <= COLUMNS.length; i++) {
            unnest.append(i == 0 ? "" : ", ").append("CAST(? AS TEXT[])");
        }
        unnest.append(") AS e (").append(String.join(", ", COLUMNS)).append(", n)");
        String sql = """
                INSERT INTO exp_audit (event_id, type, topic, partition_no, offset_no, subject, sequence_no,
                                       actor, recorded_at, organization_id, campaign_id, payload, raw_payload,
                                       hash, prev_hash, causation_source, causation_id)
                SELECT e.event_id, e.type, e.topic, CAST(e.partition_no AS INT), CAST(e.offset_no AS BIGINT),
                       e.subject, CAST(e.sequence_no AS BIGINT), e.actor, CAST(e.recorded_at AS TIMESTAMPTZ),
                       p.json ->> 'organizationId', p.json ->> 'campaignId', p.json, e.raw_payload, e.hash,
                       e.prev_hash, e.causation_source, e.causation_id
                FROM %s CROSS JOIN LATERAL (SELECT CAST(e.payload AS JSONB) AS json) AS p
                ORDER BY CAST(e.n AS INT)
                ON CONFLICT (event_id) DO NOTHING""".formatted(unnest);
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int column = 0; column <= COLUMNS.length; column++) {
                String[] values = new String[rows.size()];
                for (int row = 0; row < rows.size(); row++) {
                    values[row] = column < COLUMNS.length ? rows.get(row)[column] : String.valueOf(row);
                }
                insert.setObject(column + 1, values);
            }
            insert.executeUpdate();
        }
    }

    private static void auditByCopy(Connection connection, List<String[]> rows) throws Exception {
        StringBuilder text = new StringBuilder(rows.size() * 1200);
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                text.append(i == 0 ? "" : "\t");
                field(text, row[i]);
            }
            text.append('\n');
        }
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY exp_audit (" + String.join(", ", COLUMNS) + ") FROM STDIN", new StringReader(text.toString()));
    }

    private static void idsByUnnest(Connection connection, List<String[]> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO exp_applied (projector, event_id, topic, partition_no, offset_no)
                SELECT ?, e.event_id, e.topic, CAST(e.partition_no AS INT), CAST(e.offset_no AS BIGINT)
                FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS TEXT[]))
                     AS e (event_id, topic, partition_no, offset_no)
                ON CONFLICT DO NOTHING RETURNING event_id""")) {
            insert.setString(1, "reporting");
            int[] columns = {0, 2, 3, 4};
            for (int k = 0; k < columns.length; k++) {
                String[] values = new String[rows.size()];
                for (int row = 0; row < rows.size(); row++) {
                    values[row] = rows.get(row)[columns[k]];
                }
                insert.setObject(k + 2, values);
            }
            drain(insert);
        }
    }

    private static void idsByCopy(Connection connection, List<String[]> rows) throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE IF NOT EXISTS exp_applied_in (event_id TEXT, topic TEXT,"
                    + " partition_no INT, offset_no BIGINT) ON COMMIT DELETE ROWS");
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            field(text, row[0]);
            text.append('\t');
            field(text, row[2]);
            text.append('\t').append(row[3]).append('\t').append(row[4]).append('\n');
        }
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY exp_applied_in FROM STDIN",
                new StringReader(text.toString()));
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO exp_applied (projector, event_id, topic, partition_no, offset_no)
                SELECT ?, event_id, topic, partition_no, offset_no FROM exp_applied_in
                ON CONFLICT DO NOTHING RETURNING event_id""")) {
            insert.setString(1, "reporting");
            drain(insert);
        }
    }

    private static void drain(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rs.getString(1);
            }
        }
    }

    /** One value in COPY's text format: backslash, tab, newline and carriage return escaped, null as \N. */
    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
