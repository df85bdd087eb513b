package org.jingzhun.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.MemberTransferred;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.rectification.Measure;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.platform.projection.ColumnArrays;
import org.jingzhun.platform.projection.TransactionalProjector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast {@code POST /api/admin/replay} rebuilds the read models, on real Kafka and PostgreSQL: a county's
 * mix of events (the proportions of {@code AsOfCountyScaleTest}'s generator: study notes most, then members,
 * study sessions, problems and their lifecycle, checklist completions, research, visits) is produced to the
 * topics, and a REBUILD replays it. A benchmark, not a test: it runs only when asked for
 * ({@code -Djingzhun.replay.bench=<events>}), prints the figures and asserts only that the replay completed
 * with every record read; speed is never asserted. The live projector is stopped while the events are produced
 * and its offsets are set to their end, so that the rebuild measured is alone on the machine (the live tables
 * stay empty: the replay reports the difference, as it should, and swaps the rebuilt tables in).
 *
 * <pre>./mvnw -q -o -pl reporting-service -am verify -Dtest=ReplayThroughputBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djingzhun.replay.bench=1000000</pre>
 *
 * The test JVM then runs with the root pom's {@code argLine} (C1 only, the serial collector: since 2026-12-05, for
 * the build's sake); the figures in the docs before that date were taken with the JVM's defaults: add {@code
 * -DargLine=-Djingzhun.replay.bench=1000000} instead to compare with them.
 */
@EnabledIfSystemProperty(named = "jingzhun.replay.bench", matches = "\\d+")
class ReplayThroughputBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime START = OffsetDateTime.parse("2019-09-01T00:00:00+08:00");
    private static final LocalDate DAY = LocalDate.of(2019, 9, 20);
    private static final int ORGANIZATIONS = 533;

    @TempDir
    static Path dataDirectory;

    @Test
    void replaysACountyOfEvents() throws Exception {
        int events = Integer.parseInt(System.getProperty("jingzhun.replay.bench"));
        try (ReportingUnderTest service = ReportingUnderTest.start(dataDirectory)) {
            TransactionalProjector live = service.app().getBean(TransactionalProjector.class);
            live.stop();
            long producing = System.nanoTime();
            ColumnArrays applied = new ColumnArrays("projector", "event_id", "topic", "partition_no", "offset_no");
            Map<TopicPartition, Long> ends = produce(service.bootstrapServers(), events, live.name(), applied);
            System.out.printf("Replay benchmark: %,d events produced in %,d ms%n", events, millis(producing));
            // The live projector "has projected" everything: the replay needs not wait for it, and finds each
            // record applied live, as it would after a live projection (its applied event ids, not its rows).
            live.writer().storeOffsets(ends);
            service.database().sql("""
                            INSERT INTO projector_applied_event (projector, event_id, topic, partition_no, offset_no)
                            SELECT a.projector, a.event_id, a.topic, CAST(a.partition_no AS INT), CAST(a.offset_no AS BIGINT)
                            FROM %s""".formatted(applied.unnest("a")))
                    .params(applied.parameters()).update();
            live.start();

            long started = System.nanoTime();
            HttpResponse<String> response = service.request("POST", "/api/admin/replay", "application/json");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            String id = JSON.readTree(response.body()).get("id").asText();
            long[] rebuilt = {0};
            JsonNode[] last = new JsonNode[1];
            await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                last[0] = JSON.readTree(service.request("GET", "/api/admin/replay/" + id, "application/json").body());
                String phase = last[0].get("phase").asText();
                if (rebuilt[0] == 0 && !phase.equals("PREPARING") && !phase.equals("REBUILDING")) {
                    rebuilt[0] = System.nanoTime();
                }
                assertThat(last[0].get("status").asText()).isNotEqualTo("RUNNING");
            });
            long total = millis(started);
            long rebuilding = (rebuilt[0] - started) / 1_000_000;
            assertThat(last[0].get("status").asText()).as(last[0].toString()).isEqualTo("COMPLETED");
            assertThat(last[0].get("eventsDone").asLong()).isEqualTo(events);
            System.out.printf("Replay benchmark: %,d events (%s skipped); up to the end of REBUILDING %,d ms (%,.0f events/s);"
                            + " whole replay %,d ms (%,.0f events/s; status says %s/s)%n", events,
                    last[0].get("skipped"), rebuilding, events * 1000.0 / rebuilding, total, events * 1000.0 / total, last[0].get("eventsPerSecond"));
            System.out.println("Replay benchmark: rebuilt audit trail by type " + service.database()
                    .sql("SELECT type, count(*) FROM audit_event GROUP BY type ORDER BY type")
                    .query((rs, row) -> rs.getString(1) + "=" + rs.getLong(2)).list());
        }
    }

    /** Produces the county's mix, fast (async, batched); returns each partition's end offset. */
    static Map<TopicPartition, Long> produce(String bootstrapServers, int events) throws Exception {
        return produce(bootstrapServers, events, "", new ColumnArrays("projector", "event_id", "topic",
                "partition_no", "offset_no"));
    }

    /** {@link #produce(String, int)}, adding each record's projector, event id and position to {@code applied}. */
    private static Map<TopicPartition, Long> produce(String bootstrapServers, int events, String projector,
                                                     ColumnArrays applied) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Map<TopicPartition, Long> ends = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            List<Map.Entry<String, Future<RecordMetadata>>> pending = new ArrayList<>();
            int organizations = Math.min(ORGANIZATIONS, events);
            for (int org = 1; org <= organizations; org++) {
                send(producer, CloudEventRecords.of("org-" + org, new OrganizationRegistered("org-" + org,
                        "支部" + org, Tier.values()[org % 3], Sector.values()[org % 8], null), START.plusSeconds(org)),
                        pending);
            }
            int members = Math.max(1, events * 15 / 100);
            for (int i = 0; i < events - organizations; i++) {
                send(producer, next(i, members), pending);
                if (pending.size() % 10_000 == 0) {
                    collect(pending, ends, projector, applied);
                }
            }
            collect(pending, ends, projector, applied);
        }
        return ends;
    }

    private static void send(KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record,
                             List<Map.Entry<String, Future<RecordMetadata>>> pending) {
        String eventId = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
        pending.add(Map.entry(eventId, producer.send(record)));
    }

    private static void collect(List<Map.Entry<String, Future<RecordMetadata>>> pending,
                                Map<TopicPartition, Long> ends, String projector, ColumnArrays applied)
            throws Exception {
        for (Map.Entry<String, Future<RecordMetadata>> future : pending) {
            RecordMetadata sent = future.getValue().get();
            ends.merge(new TopicPartition(sent.topic(), sent.partition()), sent.offset() + 1, Math::max);
            applied.add(projector, future.getKey(), sent.topic(), sent.partition(), sent.offset());
        }
        pending.clear();
    }

    /** Event {@code i} of the mix, out of 100: 60 notes, 15 members, 6 sessions, 3 research, 2 visits, ... */
    private static ProducerRecord<String, byte[]> next(int i, int members) {
        int slot = i % 100;
        String org = "org-" + (1 + i % ORGANIZATIONS);
        String campaign = "campaign-" + (1 + i % 2);
        String member = "member-" + (i % members);
        // Slots 93-95 log a problem each; 96-97 set measures and 98-99 rectify the first two of them.
        String problem = "problem-" + (slot < 96 ? i : i - slot + 93 + (slot - 96) % 2);
        OffsetDateTime at = START.plusSeconds(3600 + i);
        if (slot < 60) {
            return CloudEventRecords.of("record-" + org, new StudyNoteRecorded("record-" + org, "note-" + i, org,
                    campaign, member, StudyNoteKind.NOTES, DAY), at);
        } else if (slot < 75) {
            return CloudEventRecords.of("member-" + i, new MemberEnrolled("member-" + i, org,
                    MemberField.values()[i % 4], MemberOccupation.values()[i % 3], MemberStatus.values()[i % 3]), at);
        } else if (slot < 78) {
            // The member enrolled at slot 60 of this hundred.
            String enrolled = "member-" + (i - slot + 60);
            return CloudEventRecords.of(enrolled, new MemberTransferred(enrolled, org, "org-1"), at);
        } else if (slot < 84) {
            return CloudEventRecords.of("record-" + org, new StudySessionHeld("record-" + org, "session-" + i, org,
                    campaign, DAY, 0.5 * (1 + i % 4), StudyFormat.CONCENTRATED, List.of("《学习纲要》"), 20, List.of()),
                    at);
        } else if (slot < 87) {
            return CloudEventRecords.of("record-" + org, new ResearchSubmitted("record-" + org, "research-" + i, org,
                    campaign, ResearchKind.values()[i % 3], "调研报告", null, DAY), at);
        } else if (slot < 89) {
            return CloudEventRecords.of("record-" + org, new HonorRoomVisited("record-" + org, org, campaign, DAY,
                    1 + i % 40), at);
        } else if (slot < 93) {
            return CloudEventRecords.of("record-" + org, new ChecklistItemCompleted("record-" + org, "completion-" + i,
                    org, campaign, ChecklistItem.values()[i % 10], DAY, null), at);
        } else if (slot < 96) {
            return CloudEventRecords.of(problem, new ProblemLogged(problem, org, campaign, FocusArea.SERVING_THE_MASSES,
                    ProblemSource.values()[i % 5], null, "办事难", "王五", Instant.parse("2019-10-31T16:00:00Z")), at);
        } else if (slot < 98) {
            return CloudEventRecords.of(problem, new RectificationMeasuresSet(problem, org, campaign,
                    List.of(new Measure("整改措施", DAY.plusDays(30)))), at);
        }
        return CloudEventRecords.of(problem, new ProblemRectified(problem, org, campaign, "已整改", List.of()), at);
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
