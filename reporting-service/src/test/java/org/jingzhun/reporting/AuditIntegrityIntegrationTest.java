package org.jingzhun.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jingzhun.contracts.audit.ChainVerifier;
import org.jingzhun.contracts.audit.Checkpoint;
import org.jingzhun.contracts.audit.EventHash;
import org.jingzhun.contracts.audit.MerkleTree;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tamper evidence with the real stack: chained records on the topics, the audit trail the projector keeps,
 * then history altered in PostgreSQL and on the topics. Each test works in its own hour of 2031, which its
 * verification is limited to.
 */
class AuditIntegrityIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "jingzhun.checklist.HonorRoomVisited.v1";

    @TempDir
    static Path dataDirectory;
    static ReportingUnderTest service;
    static JdbcClient database;

    @BeforeAll
    static void start() {
        // No automatic checkpoints: the tests make them.
        service = ReportingUnderTest.start(dataDirectory, "--jingzhun.reporting.audit.checkpoint-poll=0");
        database = service.database();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** The records of one aggregate's chain of {@code n} visits, hashed as the writing service does, in the given hour. */
    private static List<ProducerRecord<String, byte[]>> chain(String aggregate, int n, int hour) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        String prev = EventHash.GENESIS;
        for (int i = 0; i < n; i++) {
            OffsetDateTime time = at(hour).plusMinutes(i + 1);
            ProducerRecord<String, byte[]> record = CloudEventRecords.of(aggregate + "-" + i, aggregate,
                    new HonorRoomVisited(aggregate, "org-" + aggregate, "c-1", LocalDate.of(2031, 1, 1), i + 1), time);
            record.headers().remove("jingzhun_sequence");
            header(record, "jingzhun_sequence", Integer.toString(i));
            String hash = EventHash.of(prev, aggregate + "-" + i, TYPE, aggregate, i, time.toInstant(),
                    new String(record.value(), StandardCharsets.UTF_8));
            header(record, EventHash.PREV_HASH, prev);
            header(record, EventHash.HASH, hash);
            records.add(record);
            prev = hash;
        }
        return records;
    }

    private static OffsetDateTime at(int hour) {
        return OffsetDateTime.parse("2031-01-01T00:00:00+08:00").plusHours(hour);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(List<ProducerRecord<String, byte[]>> records) {
        List<RecordMetadata> sent = new ArrayList<>();
        records.forEach(record -> sent.add(service.send(record)));
        service.awaitProjected(sent.toArray(RecordMetadata[]::new));
    }

    private static JsonNode get(String path) throws Exception {
        var response = service.request("GET", path, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode verify(int hour) throws Exception {
        return get("/api/audit/verify?from=" + encode(at(hour)) + "&to=" + encode(at(hour + 1)));
    }

    private static String encode(OffsetDateTime time) {
        return URLEncoder.encode(time.toString(), StandardCharsets.UTF_8);
    }

    private static List<String> brokenIds(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("broken").forEach(b -> ids.add(b.get("eventId").asText()));
        return ids;
    }

    @Test
    void anIntactHistoryVerifiesIsCheckpointedAndEveryEventHasAProof() throws Exception {
        send(chain("ok", 3, 0));

        JsonNode answer = verify(0);
        assertThat(answer.get("valid").asBoolean()).as(answer.toString()).isTrue();
        assertThat(answer.get("eventsChecked").asLong()).isEqualTo(3);
        assertThat(answer.get("broken")).isEmpty();

        var made = service.request("POST", "/api/audit/checkpoints", "application/json");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode checkpoint = JSON.readTree(made.body());
        assertThat(checkpoint.fieldNames()).toIterable().containsExactly("position", "events", "root", "signature", "at");
        JsonNode listed = get("/api/audit/checkpoints");
        assertThat(listed.get(listed.size() - 1)).isEqualTo(checkpoint);
        Checkpoint signed = new Checkpoint(checkpoint.get("position").asLong(), checkpoint.get("events").asLong(),
                checkpoint.get("root").asText(), checkpoint.get("signature").asText(),
                java.time.Instant.parse(checkpoint.get("at").asText()));
        JsonNode key = get("/api/audit/key");
        assertThat(key.get("algorithm").asText()).isEqualTo("Ed25519");
        assertThat(signed.signatureValid(Checkpoint.publicKey(key.get("publicKey").asText()))).isTrue();

        JsonNode proof = get("/api/audit/proof?eventId=ok-1");
        assertThat(proof.get("verified").asBoolean()).isTrue();
        List<byte[]> path = new ArrayList<>();
        proof.get("path").forEach(p -> path.add(HexFormat.of().parseHex(p.asText())));
        assertThat(MerkleTree.verifyInclusion(Checkpoint.leafHash(proof.get("hash").asText()),
                proof.get("leafIndex").asLong(), proof.get("treeSize").asLong(), path,
                HexFormat.of().parseHex(signed.root()))).isTrue();

        // The export carries the checkpoint as its last line; its events rebuild the signed root.
        String export = service.request("GET", "/api/audit/events", "application/x-ndjson").body();
        String[] lines = export.split("\n");
        JsonNode last = JSON.readTree(lines[lines.length - 1]);
        assertThat(last.get("checkpoint")).isEqualTo(checkpoint);
        assertThat(last.get("key").asText()).isEqualTo(key.get("publicKey").asText());
        List<JsonNode> events = new ArrayList<>();
        for (int i = 0; i < lines.length - 1; i++) {
            events.add(JSON.readTree(lines[i]));
        }
        events.sort(java.util.Comparator.comparingLong(e -> e.get("position").asLong()));
        List<String> hashes = events.stream().filter(e -> e.get("hash").isTextual())
                .filter(e -> e.get("position").asLong() <= signed.position()).map(e -> e.get("hash").asText()).toList();
        assertThat(HexFormat.of().formatHex(Checkpoint.root(hashes))).isEqualTo(signed.root());
        // The export's lines as the standalone verifier reads them (jsonb payload text, county-zone time):
        // every hash recomputes and every link holds.
        ChainVerifier fromExport = new ChainVerifier(false);
        lines = export.split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            JsonNode line = JSON.readTree(lines[i]);
            if (line.get("subject").asText().equals("ok")) {
                fromExport.accept(new ChainVerifier.Link(line.get("id").asText(), line.get("type").asText(),
                        line.get("subject").asText(), line.get("sequence").asLong(),
                        OffsetDateTime.parse(line.get("time").asText()).toInstant(), line.get("event").toString(),
                        line.get("hash").asText(), line.get("prevHash").asText()));
            }
        }
        assertThat(fromExport.checked()).isEqualTo(3);
        assertThat(fromExport.broken()).isEmpty();

        // An event changed in PostgreSQL after the checkpoint: its proof no longer leads to the signed root.
        String original = database.sql("SELECT hash FROM audit_event WHERE event_id = 'ok-1'").query(String.class).single();
        database.sql("UPDATE audit_event SET hash = :hash WHERE event_id = 'ok-1'").param("hash", "f".repeat(64)).update();
        assertThat(get("/api/audit/proof?eventId=ok-1").get("verified").asBoolean()).isFalse();
        // Put back (the tests share one trail, and later checkpoints extend this one).
        database.sql("UPDATE audit_event SET hash = :hash WHERE event_id = 'ok-1'").param("hash", original).update();
    }

    /**
     * A checkpoint extends the one before it by the rows after it (their compact range is kept in the row): it
     * has the root of every leaf up to its position as they were when each was first checkpointed, so a row
     * altered after a checkpoint is not folded into the next one's root, and its proof stops verifying.
     */
    @Test
    void aCheckpointExtendsTheOneBeforeItAndSignsWhatThatOneSignedAsItWasThen() throws Exception {
        send(chain("inc", 3, 16));
        JsonNode first = JSON.readTree(service.request("POST", "/api/audit/checkpoints", "application/json").body());
        long firstPosition = first.get("position").asLong();
        List<String> then = hashes(Long.MIN_VALUE, firstPosition);
        assertThat(HexFormat.of().formatHex(Checkpoint.root(then))).isEqualTo(first.get("root").asText());
        assertThat(database.sql("SELECT frontier FROM audit_checkpoint WHERE position = :p").param("p", firstPosition)
                .query(String.class).single()).as("the range kept with the checkpoint").isNotBlank();

        String original = database.sql("SELECT hash FROM audit_event WHERE event_id = 'inc-1'").query(String.class).single();
        database.sql("UPDATE audit_event SET hash = :hash WHERE event_id = 'inc-1'").param("hash", "e".repeat(64)).update();
        send(chain("inc2", 2, 17));
        var made = service.request("POST", "/api/audit/checkpoints", "application/json");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode second = JSON.readTree(made.body());
        long secondPosition = second.get("position").asLong();
        assertThat(secondPosition).isGreaterThanOrEqualTo(position("inc2-1"));

        List<String> signed = new ArrayList<>(then);
        signed.addAll(hashes(firstPosition, secondPosition));
        assertThat(second.get("events").asLong()).isEqualTo(signed.size());
        assertThat(second.get("root").asText()).isEqualTo(HexFormat.of().formatHex(Checkpoint.root(signed)));
        assertThat(second.get("root").asText()).as("not the root of the altered trail")
                .isNotEqualTo(HexFormat.of().formatHex(Checkpoint.root(hashes(Long.MIN_VALUE, secondPosition))));
        // A proof is built from the trail as it is now: while a row it covers is altered, none verifies.
        assertThat(get("/api/audit/proof?eventId=inc-1").get("verified").asBoolean()).isFalse();
        assertThat(get("/api/audit/proof?eventId=inc2-1").get("verified").asBoolean()).isFalse();
        // Put back (the tests share one trail, and later checkpoints extend this one): every proof verifies again.
        database.sql("UPDATE audit_event SET hash = :hash WHERE event_id = 'inc-1'").param("hash", original).update();
        assertThat(get("/api/audit/proof?eventId=inc-1").get("verified").asBoolean()).isTrue();
        assertThat(get("/api/audit/proof?eventId=inc2-1").get("verified").asBoolean()).isTrue();
    }

    /** The hashed events' hashes with position in (after, upTo], in position order, as the trail holds them now. */
    private static List<String> hashes(long after, long upTo) {
        return database.sql("SELECT hash FROM audit_event WHERE position > :after AND position <= :upTo AND hash IS NOT NULL"
                        + " ORDER BY position").param("after", after).param("upTo", upTo).query(String.class).list();
    }

    @Test
    void aPayloadByteChangedInTheAuditTrailIsNamed() throws Exception {
        send(chain("pay", 3, 2));
        database.sql("UPDATE audit_event SET payload = jsonb_set(payload, '{visitors}', '9') WHERE event_id = 'pay-1'")
                .update();

        JsonNode answer = verify(2);

        assertThat(answer.get("valid").asBoolean()).isFalse();
        assertThat(brokenIds(answer)).containsOnly("pay-1");
        assertThat(answer.get("broken").get(0).get("reason").asText()).contains("audit trail row changed");
    }

    @Test
    void anEventDeletedFromTheAuditTrailIsNamed() throws Exception {
        send(chain("del", 3, 4));
        database.sql("DELETE FROM audit_event WHERE event_id = 'del-1'").update();

        JsonNode answer = verify(4);

        assertThat(answer.get("valid").asBoolean()).isFalse();
        assertThat(brokenIds(answer)).containsOnly("del-1");
        assertThat(answer.get("broken").get(0).get("reason").asText()).contains("missing from the audit trail");
    }

    @Test
    void aPayloadChangedOnTheTopicIsNamed() throws Exception {
        List<ProducerRecord<String, byte[]>> records = chain("topic", 3, 6);
        ProducerRecord<String, byte[]> original = records.get(1);
        String changed = new String(original.value(), StandardCharsets.UTF_8).replace("\"visitors\":2", "\"visitors\":3");
        ProducerRecord<String, byte[]> tampered = new ProducerRecord<>(original.topic(), original.key(),
                changed.getBytes(StandardCharsets.UTF_8));
        original.headers().forEach(h -> tampered.headers().add(h));
        records.set(1, tampered);
        send(records);

        JsonNode answer = verify(6);

        assertThat(brokenIds(answer)).containsOnly("topic-1");
        assertThat(answer.toString()).contains("changed: its hash does not match its content");
    }

    @Test
    void twoRecordsReorderedOnTheTopicAreNamed() throws Exception {
        List<ProducerRecord<String, byte[]>> records = chain("order", 4, 8);
        java.util.Collections.swap(records, 1, 2);
        send(records);

        JsonNode answer = verify(8);

        assertThat(answer.get("valid").asBoolean()).isFalse();
        assertThat(brokenIds(answer)).contains("order-2");
        assertThat(answer.toString()).contains("out of order");
    }

    @Test
    void aRecordMissingFromItsTopicIsNamed() throws Exception {
        List<ProducerRecord<String, byte[]>> records = chain("drop", 3, 10);
        ProducerRecord<String, byte[]> dropped = records.remove(1);
        send(records);
        // The trail had recorded it (as before the record was removed from the topic).
        database.sql("""
                        INSERT INTO audit_event (event_id, type, topic, partition_no, offset_no, subject, sequence_no,
                                                 actor, recorded_at, payload, hash, prev_hash)
                        VALUES ('drop-1', :type, :topic, 0, 999999, 'drop', 1, 'integration-test', :time,
                                CAST(:payload AS JSONB), :hash, :prev)""")
                .param("type", TYPE).param("topic", dropped.topic()).param("time", at(10).plusMinutes(2))
                .param("payload", new String(dropped.value(), StandardCharsets.UTF_8))
                .param("hash", text(dropped, EventHash.HASH)).param("prev", text(dropped, EventHash.PREV_HASH))
                .update();

        JsonNode answer = verify(10);

        assertThat(answer.get("valid").asBoolean()).isFalse();
        assertThat(brokenIds(answer)).contains("drop-1", "drop-2");
        assertThat(answer.toString()).contains("missing from its topic").contains("the event before it in its chain");
        // The same history read by anyone with the chain rules.
        ChainVerifier verifier = new ChainVerifier(false);
        records.forEach(r -> verifier.accept(new ChainVerifier.Link(text(r, "ce_id"), TYPE, "drop",
                Long.parseLong(text(r, "jingzhun_sequence")), OffsetDateTime.parse(text(r, "ce_time")).toInstant(),
                new String(r.value(), StandardCharsets.UTF_8), text(r, EventHash.HASH), text(r, EventHash.PREV_HASH))));
        assertThat(verifier.broken()).extracting(ChainVerifier.Broken::eventId).containsExactly("drop-2");
    }

    @Test
    void twoEventsReorderedInTheAuditTrailAreNamed() throws Exception {
        send(chain("swap", 4, 12));
        long first = position("swap-1");
        long second = position("swap-2");
        // Swapped positions: each row still equals its topic record, only the trail's order changed.
        database.sql("UPDATE audit_event SET position = -1 WHERE event_id = 'swap-1'").update();
        database.sql("UPDATE audit_event SET position = :p WHERE event_id = 'swap-2'").param("p", first).update();
        database.sql("UPDATE audit_event SET position = :p WHERE event_id = 'swap-1'").param("p", second).update();

        JsonNode answer = verify(12);

        assertThat(answer.get("valid").asBoolean()).isFalse();
        assertThat(brokenIds(answer)).containsOnly("swap-1");
        assertThat(answer.toString()).contains("out of order").contains("in the audit trail, at position " + second);
    }

    @Test
    void anExportStatesItsPositionAndCheckpointAndTheSamePositionGivesTheSameBytesLater() throws Exception {
        send(chain("exp", 3, 14));

        var first = service.request("GET", "/api/audit/events", "application/x-ndjson",
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(first.statusCode()).isEqualTo(200);
        long position = Long.parseLong(first.headers().firstValue("Jingzhun-Position").orElseThrow());
        assertThat(position).isEqualTo(position("exp-2"));
        // Everything exported is signed: a checkpoint was made at the export's position.
        assertThat(first.headers().firstValue("Jingzhun-Checkpoint")).contains(Long.toString(position));
        String[] lines = new String(first.body(), StandardCharsets.UTF_8).split("\n");
        JsonNode checkpoint = JSON.readTree(lines[lines.length - 1]).get("checkpoint");
        assertThat(checkpoint.get("position").asLong()).isEqualTo(position);
        assertThat(first.headers().firstValue("Jingzhun-Checkpoint-Root")).contains(checkpoint.get("root").asText());
        String asked = "/api/audit/events?position=" + position;
        byte[] workbookThen = service.request("GET", asked + "&format=xlsx", null,
                java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();

        send(chain("later", 2, 15));
        service.request("POST", "/api/audit/checkpoints", "application/json");

        var again = service.request("GET", asked, "application/x-ndjson",
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Jingzhun-Position")).contains(Long.toString(position));
        assertThat(again.headers().firstValue("Jingzhun-Checkpoint")).contains(Long.toString(position));
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(service.request("GET", "/api/audit/events", "application/x-ndjson").body())
                .contains("\"id\":\"later-1\"");
        // The workbook: the same cells (a workbook also stores when it was written), its title names the position.
        var workbookAgain = service.request("GET", asked + "&format=xlsx", null,
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(workbookAgain.headers().firstValue("Jingzhun-Position")).contains(Long.toString(position));
        assertThat(entries(workbookAgain.body())).isEqualTo(entries(workbookThen));
        // The title row and the document's description name it (the XML spells the Chinese as character references).
        assertThat(entries(workbookThen).get("docProps/core.xml")).contains("<dc:description>position=" + position
                + " checkpoint=" + position + " root=" + checkpoint.get("root").asText() + "</dc:description>");
        assertThat(entries(workbookThen).get("xl/worksheets/sheet1.xml")).contains("&#xff1a;" + position + "&#x3000;");

        var beyond = service.request("GET", "/api/audit/events?position=" + (position + 1_000_000), "application/json");
        assertThat(beyond.statusCode()).isEqualTo(400);
        assertThat(beyond.body()).contains("position");
    }

    /** The parts of an XLSX file but the one holding the time it was written, as text. */
    private static java.util.Map<String, String> entries(byte[] xlsx) throws java.io.IOException {
        java.util.Map<String, String> entries = new java.util.TreeMap<>();
        Path file = java.nio.file.Files.write(dataDirectory.resolve("export-" + System.nanoTime() + ".xlsx"), xlsx);
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            for (var entry : java.util.Collections.list(zip.entries())) {
                String text = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                entries.put(entry.getName(), entry.getName().equals("docProps/core.xml")
                        ? text.replaceAll("<dcterms:created[^<]*</dcterms:created>", "") : text);
            }
        }
        return entries;
    }

    private static long position(String eventId) {
        return database.sql("SELECT position FROM audit_event WHERE event_id = :id").param("id", eventId)
                .query(Long.class).single();
    }

    @Test
    void badParametersAreProblemsNamingTheField() throws Exception {
        var proof = service.request("GET", "/api/audit/proof", "application/json");
        assertThat(proof.statusCode()).isEqualTo(400);
        assertThat(proof.body()).contains("eventId");
        var unknown = service.request("GET", "/api/audit/proof?eventId=nope", "application/json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        var range = service.request("GET", "/api/audit/verify?from=yesterday", "application/json");
        assertThat(range.statusCode()).isEqualTo(400);
        assertThat(range.body()).contains("from");
    }

    private static String text(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
