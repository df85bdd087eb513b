package org.jingzhun.reporting.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jingzhun.contracts.audit.Checkpoint;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.export.ExportLanguage;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the audit trail as NDJSON, one event per line, or as an XLSX workbook for auditors, straight
 * from a database cursor: a county has 10^5–10^6 events, so nothing is collected in memory. PostgreSQL
 * only streams a result with a fetch size inside a transaction, hence the read-only one around the query.
 */
@Component
class AuditExport {

    /** Rows per round trip: large enough to keep the cursor cheap, small enough to start writing at once. */
    private static final int FETCH_SIZE = 1000;
    private static final String COLUMNS = "event_id, type, recorded_at, actor, subject, sequence_no, organization_id,"
            + " campaign_id, COALESCE(raw_payload, payload::text) AS payload, hash, prev_hash, position,"
            + " causation_source, causation_id";
    private static final String ORDER = " ORDER BY recorded_at, topic, partition_no, offset_no";
    /** The organization's name today, from the totals' organization table (null when not registered). */
    private static final String ORGANIZATION_NAME = "(SELECT o.name FROM organization o"
            + " WHERE o.organization_id = audit_event.organization_id) AS organization_name";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final ZoneId zone;
    // The servlet container owns the response stream: closing the generator must not close it.
    private final JsonFactory json = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final Counter exported;
    private final Timer exports;
    @Nullable
    private final AuditCheckpoints checkpoints;

    AuditExport(DataSource dataSource, PlatformTransactionManager transactions, JingzhunProperties jingzhun,
                MeterRegistry meters) {
        this(dataSource, transactions, jingzhun, meters, null);
    }

    @Autowired
    AuditExport(DataSource dataSource, PlatformTransactionManager transactions, JingzhunProperties jingzhun,
                MeterRegistry meters, @Nullable AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(FETCH_SIZE);
        this.jdbc = new NamedParameterJdbcTemplate(cursor);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        // One snapshot for the events and the checkpoint line after them.
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.zone = jingzhun.timeZone();
        this.exported = Counter.builder("jingzhun.audit.exported")
                .description("Events written by GET /api/audit/events").register(meters);
        this.exports = Timer.builder("jingzhun.audit.exports")
                .description("Audit exports, from the query to the last line").register(meters);
    }

    /**
     * The state of the log an export is of: every trail row at or below {@code position}, and the checkpoint
     * that signs it (the latest at or below the position; null when there is none).
     */
    record Snapshot(long position, @Nullable Checkpoint checkpoint) {
    }

    /**
     * The snapshot an export request names. Without a position: everything recorded so far, signed by a
     * checkpoint made now if the latest does not cover it yet, so that the export is verifiable to its last
     * line. With one: that position, which must already be in the trail (a later one could still change),
     * and the latest checkpoint at or below it; the same position gives the same bytes again, whatever was
     * recorded since (a replay renumbers positions and starts the checkpoints again).
     */
    Snapshot snapshot(@Nullable Long position) {
        long head = checkpoints != null ? checkpoints.stableHead()
                : jdbc.query("SELECT COALESCE(max(position), 0) FROM audit_event", Map.of(),
                        rs -> rs.next() ? rs.getLong(1) : 0L);
        if (position == null) {
            if (checkpoints == null || head == 0) {
                return new Snapshot(head, null);
            }
            Checkpoint made = checkpoints.make();
            return new Snapshot(made.position(), made);
        }
        if (position < 0 || position > head) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "position",
                    "expected a position of the audit trail, from 0 to " + head);
        }
        return new Snapshot(position, checkpoints == null ? null : checkpoints.latestUpTo(position).orElse(null));
    }

    /** Writes everything recorded so far that the query selects as NDJSON (see {@link #snapshot}); returns how many. */
    long write(AuditQuery query, OutputStream out) throws IOException {
        return write(query, snapshot(null), out);
    }

    /** Writes every event the query selects up to the snapshot's position as NDJSON, in recorded order; returns how many. */
    long write(AuditQuery query, Snapshot snapshot, OutputStream out) throws IOException {
        Timer.Sample sample = Timer.start();
        try (JsonGenerator lines = json.createGenerator(out)) {
            // One object per line: a newline after each instead of Jackson's space between root values.
            lines.setRootValueSeparator(null);
            long count = select(query, snapshot, COLUMNS, rs -> writeLine(lines, rs), () -> {
                if (query.organizationId() == null && query.types().isEmpty() && query.from() == null
                        && query.to() == null && snapshot.checkpoint() != null) {
                    // The whole trail: the checkpoint that signs it, for the standalone verifier.
                    writeCheckpoint(lines, snapshot.checkpoint());
                }
            });
            lines.flush();
            return count;
        } finally {
            sample.stop(exports);
        }
    }

    /**
     * Writes every event the query selects as an XLSX workbook (see {@link AuditWorkbook}), streamed: rows
     * go out as they are read, at most a thousand held at a time, whatever the length of the trail.
     */
    long writeWorkbook(AuditQuery query, Snapshot snapshot, ExportLanguage language, OutputStream out)
            throws IOException {
        Timer.Sample sample = Timer.start();
        try {
            String organizationName = query.organizationId() == null ? null : jdbc.query(
                    "SELECT name FROM organization WHERE organization_id = :id",
                    new MapSqlParameterSource("id", query.organizationId()),
                    rs -> rs.next() ? rs.getString(1) : null);
            AuditWorkbook workbook = new AuditWorkbook(out, language, zone, query, snapshot, organizationName);
            long count = select(query, snapshot, COLUMNS + ", " + ORGANIZATION_NAME, workbook::write, () -> { });
            workbook.finish();
            return count;
        } finally {
            sample.stop(exports);
        }
    }

    /** A consumer of one row of the cursor that may fail writing. */
    interface Row {
        void accept(ResultSet rs) throws SQLException, IOException;
    }

    /**
     * Hands every event the query selects to {@code row}, in recorded order, from a cursor, then runs {@code after}
     * in the same snapshot; returns how many.
     */
    private long select(AuditQuery query, Snapshot snapshot, String columns, Row row, Runnable after)
            throws IOException {
        List<String> conditions = new ArrayList<>();
        MapSqlParameterSource params = new MapSqlParameterSource();
        conditions.add("position <= :position");
        params.addValue("position", snapshot.position());
        if (query.organizationId() != null) {
            conditions.add("organization_id = :organizationId");
            params.addValue("organizationId", query.organizationId());
        }
        if (!query.types().isEmpty()) {
            conditions.add("type IN (:types)");
            params.addValue("types", query.types());
        }
        if (query.from() != null) {
            conditions.add("recorded_at >= :from");
            params.addValue("from", query.from());
        }
        if (query.to() != null) {
            conditions.add("recorded_at <= :to");
            params.addValue("to", query.to());
        }
        String sql = "SELECT " + columns + " FROM audit_event"
                + " WHERE " + String.join(" AND ", conditions) + ORDER;
        try {
            long[] count = {0};
            readOnly.executeWithoutResult(status -> {
                jdbc.query(sql, params, rs -> {
                    try {
                        row.accept(rs);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    count[0]++;
                });
                after.run();
            });
            exported.increment(count[0]);
            return count[0];
        } catch (UncheckedIOException e) {
            // The client went away mid-stream: the cursor and its transaction are already closed.
            throw e.getCause();
        }
    }

    /** {@code {"checkpoint": {position, events, root, signature, at}, "key": base64}}: the export's last line. */
    private void writeCheckpoint(JsonGenerator line, Checkpoint checkpoint) {
        try {
            line.writeStartObject();
            line.writeObjectFieldStart("checkpoint");
            line.writeNumberField("position", checkpoint.position());
            line.writeNumberField("events", checkpoint.events());
            line.writeStringField("root", checkpoint.root());
            line.writeStringField("signature", checkpoint.signature());
            line.writeStringField("at", checkpoint.at().toString());
            line.writeEndObject();
            line.writeStringField("key", checkpoints.publicKey());
            line.writeEndObject();
            line.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeLine(JsonGenerator line, ResultSet rs) throws SQLException {
        try {
            line.writeStartObject();
            line.writeStringField("id", rs.getString(1));
            line.writeStringField("type", rs.getString(2));
            line.writeStringField("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    rs.getObject(3, OffsetDateTime.class).atZoneSameInstant(zone)));
            line.writeStringField("actor", rs.getString(4));
            line.writeStringField("subject", rs.getString(5));
            line.writeNumberField("sequence", rs.getLong(6));
            line.writeStringField("organizationId", rs.getString(7));
            line.writeStringField("campaignId", rs.getString(8));
            line.writeStringField("hash", rs.getString(10));
            line.writeStringField("prevHash", rs.getString(11));
            // The trail's append order: what a checkpoint's Merkle tree is built over.
            line.writeNumberField("position", rs.getLong(12));
            // The inbox CloudEvent that caused it (its ce_source and ce_id), null for a command's event.
            line.writeStringField("causationSource", rs.getString(13));
            line.writeStringField("causationId", rs.getString(14));
            line.writeFieldName("event");
            // The payload as stored: already JSON, copied without a parse.
            line.writeRawValue(rs.getString(9));
            line.writeEndObject();
            line.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
