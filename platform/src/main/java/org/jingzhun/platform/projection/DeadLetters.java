package org.jingzhun.platform.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;

/**
 * The dead letters of the projectors, in {@code projector_dead_letter}: recorded in the projector's
 * transaction beside the copy on {@code <topic>.dlt}, listed for people to look at, re-driven after a fix
 * ({@link TransactionalProjector#redrive}).
 */
public final class DeadLetters {

    /** Parked, waiting for a fix and a re-drive. */
    public static final String PARKED = "PARKED";
    /** Applied by a re-drive. */
    public static final String REDRIVEN = "REDRIVEN";

    /**
     * One dead letter as stored.
     *
     * @param headers    the record's headers, values as UTF-8 text
     * @param value      the record's value as UTF-8 text (null for none)
     * @param readModels the read models that failed while the others kept the event; empty = the whole record
     */
    public record Stored(long id, String projector, String topic, int partition, long offset, @Nullable String key,
                         Map<String, String> headers, @Nullable String value, @Nullable String eventId,
                         List<String> readModels, String reason, String status, int attempts,
                         OffsetDateTime deadLetteredAt, @Nullable OffsetDateTime redrivenAt) {
    }

    /** A page of dead letters, newest first. */
    public record Page(List<Stored> items, long total, int page, int size) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            id, projector, topic, partition_no, offset_no, record_key, headers::text, value, event_id, read_models,
            reason, status, attempts, dead_lettered_at, redriven_at""";

    private final JdbcClient jdbc;

    public DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the letters (a record already parked is left as it is) and returns those recorded now, so
     * that a record read again after a rewind is not sent to the dead-letter topic twice.
     */
    List<DeadLetter> record(String projector, List<DeadLetter> letters) {
        List<DeadLetter> fresh = new ArrayList<>();
        for (DeadLetter letter : letters) {
            ConsumerRecord<String, byte[]> record = letter.record();
            int inserted = jdbc.sql("""
                            INSERT INTO projector_dead_letter (projector, topic, partition_no, offset_no, record_key,
                                                               headers, value, event_id, read_models, reason)
                            VALUES (:projector, :topic, :partition, :offset, :key, CAST(:headers AS JSONB), :value,
                                    :eventId, CAST(:readModels AS TEXT[]), :reason)
                            ON CONFLICT (projector, topic, partition_no, offset_no) DO NOTHING""")
                    .param("projector", projector)
                    .param("topic", record.topic())
                    .param("partition", record.partition())
                    .param("offset", record.offset())
                    .param("key", text(record.key()))
                    .param("headers", headers(record))
                    .param("value", record.value())
                    .param("eventId", text(letter.eventId()))
                    .param("readModels", letter.partial() ? arrayLiteral(letter.readModels()) : null)
                    .param("reason", text(letter.reason()))
                    .update();
            if (inserted > 0) {
                fresh.add(letter);
            }
        }
        return fresh;
    }

    /** Dead letters of a projector, newest first, optionally of one topic and/or status. */
    public Page list(String projector, @Nullable String topic, @Nullable String status, int page, int size) {
        String where = " WHERE projector = :projector AND (CAST(:topic AS TEXT) IS NULL OR topic = :topic)"
                + " AND (CAST(:status AS TEXT) IS NULL OR status = :status)";
        long total = jdbc.sql("SELECT count(*) FROM projector_dead_letter" + where)
                .param("projector", projector).param("topic", topic).param("status", status)
                .query(Long.class).single();
        List<Stored> items = jdbc.sql("SELECT " + COLUMNS + " FROM projector_dead_letter" + where
                        + " ORDER BY id DESC LIMIT :size OFFSET :skip")
                .param("projector", projector).param("topic", topic).param("status", status)
                .param("size", size).param("skip", (long) page * size)
                .query((rs, row) -> stored(rs)).list();
        return new Page(items, total, page, size);
    }

    /** One dead letter of a projector. */
    public Optional<Stored> find(String projector, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM projector_dead_letter WHERE projector = ? AND id = ?")
                .params(projector, id).query((rs, row) -> stored(rs)).optional();
    }

    /** Parked dead letters of a projector and topic. */
    public long parked(String projector, String topic) {
        return jdbc.sql("SELECT count(*) FROM projector_dead_letter WHERE projector = ? AND topic = ? AND status = ?")
                .params(projector, topic, PARKED).query(Long.class).single();
    }

    /** A parked letter as it is re-driven: its record rebuilt, the row locked. */
    record Parked(long id, String status, ConsumerRecord<String, byte[]> record, List<String> readModels) {
    }

    Optional<Parked> lockForRedrive(String projector, long id) {
        return jdbc.sql("""
                        SELECT id, status, topic, partition_no, offset_no, record_key, headers::text, value, read_models
                        FROM projector_dead_letter WHERE projector = ? AND id = ? FOR UPDATE""")
                .params(projector, id)
                .query((rs, row) -> parked(rs))
                .optional();
    }

    /** The record as it was read, rebuilt from its row. */
    private static Parked parked(ResultSet rs) throws SQLException {
        RecordHeaders headers = new RecordHeaders();
        for (JsonNode header : readTree(rs.getString(7))) {
            headers.add(header.get("key").asText(), Base64.getDecoder().decode(header.get("value").asText()));
        }
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(rs.getString(3), rs.getInt(4), rs.getLong(5),
                ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, rs.getString(6), rs.getBytes(8), headers, Optional.empty());
        return new Parked(rs.getLong(1), rs.getString(2), record, strings(rs.getArray(9)));
    }

    /** A re-driven letter as a rebuild applies it again: its record and the read models it was parked for. */
    public record Redriven(long id, ConsumerRecord<String, byte[]> record, List<String> readModels) {
    }

    /** The re-driven letters of a projector, in the order they were re-driven. */
    public List<Redriven> redriven(String projector) {
        return jdbc.sql("""
                        SELECT id, status, topic, partition_no, offset_no, record_key, headers::text, value, read_models
                        FROM projector_dead_letter WHERE projector = ? AND status = ? ORDER BY redriven_at, id""")
                .params(projector, REDRIVEN)
                .query((rs, row) -> {
                    Parked parked = parked(rs);
                    return new Redriven(parked.id(), parked.record(), parked.readModels());
                })
                .list();
    }

    /** How many letters of a projector were re-driven so far (they are never parked again). */
    public long redrivenCount(String projector) {
        return jdbc.sql("SELECT count(*) FROM projector_dead_letter WHERE projector = ? AND status = ?")
                .params(projector, REDRIVEN).query(Long.class).single();
    }

    void redriven(long id) {
        jdbc.sql("UPDATE projector_dead_letter SET status = ?, attempts = attempts + 1, redriven_at = now() WHERE id = ?")
                .params(REDRIVEN, id).update();
    }

    /** Counts a failed re-drive; {@code readModels}, when given, are those still failing (the others took it now). */
    void stillFailing(long id, String reason, @Nullable List<String> readModels) {
        jdbc.sql("""
                        UPDATE projector_dead_letter
                        SET attempts = attempts + 1, reason = :reason,
                            read_models = COALESCE(CAST(:readModels AS TEXT[]), read_models)
                        WHERE id = :id""")
                .param("reason", text(reason))
                .param("readModels", readModels == null || readModels.isEmpty() ? null : arrayLiteral(readModels))
                .param("id", id).update();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode header : readTree(rs.getString(7))) {
            headers.put(header.get("key").asText(), new String(Base64.getDecoder().decode(header.get("value").asText()),
                    StandardCharsets.UTF_8));
        }
        byte[] value = rs.getBytes(8);
        return new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                rs.getString(6), headers, value == null ? null : new String(value, StandardCharsets.UTF_8),
                rs.getString(9), strings(rs.getArray(10)), rs.getString(11), rs.getString(12), rs.getInt(13),
                rs.getObject(14, OffsetDateTime.class), rs.getObject(15, OffsetDateTime.class));
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static String headers(ConsumerRecord<String, byte[]> record) {
        ArrayNode headers = JSON.createArrayNode();
        for (Header header : record.headers()) {
            headers.addObject().put("key", header.key())
                    .put("value", Base64.getEncoder().encodeToString(header.value() == null ? new byte[0] : header.value()));
        }
        return headers.toString();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("projector_dead_letter holds headers that are not JSON", e);
        }
    }

    /** A PostgreSQL array literal of text values. */
    private static String arrayLiteral(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    /** Text PostgreSQL can store: a NUL character (which it refuses in text) becomes U+FFFD. */
    @Nullable
    private static String text(@Nullable String value) {
        return value == null ? null : value.replace('\u0000', '\uFFFD');
    }
}
