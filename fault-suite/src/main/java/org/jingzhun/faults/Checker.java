package org.jingzhun.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The four invariants, checked from the outside (PostgreSQL, Kafka and HTTP, never the services' code):
 * <ol>
 *   <li>every acknowledged command's fact is in its service's event store exactly once;</li>
 *   <li>every stored event is on its topic (by {@code ce_id});</li>
 *   <li>reporting's audit trail plus its dead letters hold every topic record exactly once;</li>
 *   <li>the totals equal a fold of the topic records computed here, independently of reporting's code
 *       (organizations, problems found, study sessions and days — the counters the load moves).</li>
 * </ol>
 * Relay and projection are asynchronous: 2–4 are awaited up to a bound before they count as failed.
 */
final class Checker {

    /** What one check saw. {@code lost} and {@code doubled} are about acknowledged commands. */
    record Result(long acked, long lost, long doubled, long storedUnacked, long storedEvents, long missingOnTopic, long topicRecords,
                  long topicDuplicates, long notProjected, long projectedTwice, long deadLettered,
                  Map<String, Long> totals, List<String> failures) {

        boolean passed() {
            return failures.isEmpty();
        }

        String summary() {
            return String.format("acked %d, lost %d, doubled %d, facts stored without an ack %d; events stored %d, "
                            + "missing on topic %d; topic records %d "
                            + "(re-sent duplicates %d); not projected %d, projected twice %d, dead letters %d; totals %s%s",
                    acked, lost, doubled, storedUnacked, storedEvents, missingOnTopic, topicRecords, topicDuplicates, notProjected,
                    projectedTwice, deadLettered, totals, failures.isEmpty() ? "" : "; FAILED: " + failures);
        }
    }

    /** A record of an event topic as read back, with its CloudEvents id and type and the record itself. */
    record TopicRecord(String topic, String ceId, String ceType, JsonNode value, ConsumerRecord<byte[], byte[]> raw) {
    }

    private static final String PROJECTOR = "reporting-live";

    private final Cluster cluster;
    private final Api api = new Api();
    private final PrintStream log;
    private final Duration catchUp;
    private Map<Load.Kind, Map<String, Long>> facts = Map.of();

    Checker(Cluster cluster, PrintStream log, Duration catchUp) {
        this.cluster = cluster;
        this.log = log;
        this.catchUp = catchUp;
    }

    Result check(List<Load.Acked> ackedCommands, String campaign) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        // (1) acknowledged → stored once. A key re-sent (a duplicate delivery) must have named the same id.
        Map<String, Load.Acked> byKey = new LinkedHashMap<>();
        long doubled = 0;
        for (Load.Acked acked : ackedCommands) {
            Load.Acked first = byKey.putIfAbsent(acked.key(), acked);
            if (first != null && !first.id().equals(acked.id())) {
                doubled++;
                failures.add("key " + acked.key() + " answered " + first.id() + " and " + acked.id());
            }
        }
        facts = new HashMap<>();
        facts.put(Load.Kind.ORGANIZATION, countBy(Service.ORGANIZATION, "SELECT aggregate_identifier, count(*) FROM "
                + "domain_event_entry WHERE payload_type LIKE '%OrganizationRegistered' GROUP BY 1"));
        facts.put(Load.Kind.PROBLEM, countBy(Service.RECTIFICATION, "SELECT aggregate_identifier, count(*) FROM "
                + "domain_event_entry WHERE payload_type LIKE '%ProblemLogged' GROUP BY 1"));
        facts.put(Load.Kind.SESSION, countBy(Service.CHECKLIST, "SELECT convert_from(payload, 'UTF8')::jsonb->>'sessionId', "
                + "count(*) FROM domain_event_entry WHERE payload_type LIKE '%StudySessionHeld' GROUP BY 1"));
        long lost = 0;
        for (Load.Acked acked : byKey.values()) {
            long stored = facts.get(acked.kind()).getOrDefault(acked.id(), 0L);
            if (stored == 0) {
                lost++;
                failures.add("acknowledged " + acked + " is not in its event store");
            } else if (stored > 1) {
                doubled++;
                failures.add("acknowledged " + acked + " is stored " + stored + " times");
            }
        }

        // (2) stored → on the topic, awaited while the relays catch up.
        long deadline = System.nanoTime() + catchUp.toNanos();
        Map<Service, Set<String>> stored = new HashMap<>();
        List<TopicRecord> records;
        Set<String> missing;
        while (true) {
            for (Service service : Service.values()) {
                if (service.writing()) {
                    stored.put(service, new HashSet<>(countBy(service,
                            "SELECT event_identifier, 1 FROM domain_event_entry").keySet()));
                }
            }
            records = readTopics();
            missing = new HashSet<>();
            Set<String> onTopics = new HashSet<>();
            for (TopicRecord record : records) {
                onTopics.add(record.topic() + "/" + record.ceId());
            }
            for (Map.Entry<Service, Set<String>> entry : stored.entrySet()) {
                for (String id : entry.getValue()) {
                    if (!onTopics.contains(entry.getKey().topic + "/" + id)) {
                        missing.add(id);
                    }
                }
            }
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1_000);
        }
        long storedEvents = stored.values().stream().mapToLong(Set::size).sum();
        if (!missing.isEmpty()) {
            failures.add(missing.size() + " stored events not on their topic after " + catchUp + ", e.g. "
                    + missing.stream().limit(5).toList());
        }
        Map<String, TopicRecord> distinct = new LinkedHashMap<>();
        long withoutId = 0;
        for (TopicRecord record : records) {
            if (record.ceId() == null) {
                withoutId++;
            } else {
                distinct.putIfAbsent(record.ceId(), record);
            }
        }
        if (withoutId > 0) {
            log.println("[check] " + withoutId + " topic records without ce_id");
        }
        long topicDuplicates = records.size() - withoutId - distinct.size();

        // (3) topic → audit trail or dead letters, exactly once.
        long notProjected;
        long projectedTwice;
        long deadLettered;
        while (true) {
            Map<String, Long> audit = countBy(Service.REPORTING, "SELECT event_id, count(*) FROM audit_event GROUP BY 1");
            Map<String, Long> dead = countBy(Service.REPORTING, "SELECT event_id, count(*) FROM projector_dead_letter "
                    + "WHERE projector = '" + PROJECTOR + "' AND event_id IS NOT NULL GROUP BY 1");
            deadLettered = dead.values().stream().mapToLong(Long::longValue).sum();
            notProjected = 0;
            projectedTwice = 0;
            List<String> examples = new ArrayList<>();
            for (String id : distinct.keySet()) {
                long seen = audit.getOrDefault(id, 0L) + dead.getOrDefault(id, 0L);
                if (seen == 0) {
                    notProjected++;
                    if (examples.size() < 5) {
                        examples.add(id);
                    }
                } else if (seen > 1) {
                    projectedTwice++;
                    examples.add(id + "×" + seen);
                }
            }
            if (notProjected == 0 && projectedTwice == 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                failures.add(notProjected + " topic records neither in the audit trail nor dead-lettered, "
                        + projectedTwice + " there twice, e.g. " + examples);
                break;
            }
            Thread.sleep(1_000);
        }

        // (4) the totals against a fold of the topic records.
        Map<String, Long> expected = fold(distinct.values(), campaign);
        Map<String, Long> actual = Map.of();
        while (true) {
            try {
                actual = totals(campaign);
            } catch (IOException e) {
                log.println("[check] totals: " + e);
            }
            if (actual.equals(expected) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1_000);
        }
        if (!actual.equals(expected)) {
            failures.add("totals " + actual + " but the topic records fold to " + expected);
        }
        long facts = this.facts.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        Result result = new Result(byKey.size(), lost, doubled, Math.max(0, facts - byKey.size()), storedEvents, missing.size(), records.size(),
                topicDuplicates, notProjected, projectedTwice, deadLettered, actual, List.copyOf(failures));
        log.println("[check] " + result.summary());
        return result;
    }

    /** The counters the load moves, folded from the distinct topic records (dead letters are not counted). */
    private static Map<String, Long> fold(Iterable<TopicRecord> records, String campaign) {
        long organizations = 0;
        long problems = 0;
        long sessions = 0;
        double days = 0;
        for (TopicRecord record : records) {
            if (record.ceType() == null || record.value() == null) {
                continue;
            }
            String type = record.ceType();
            boolean ours = campaign.equals(record.value().path("campaignId").asText());
            if (type.equals("jingzhun.organization.OrganizationRegistered.v1")) {
                organizations++;
            } else if (type.equals("jingzhun.organization.OrganizationDissolved.v1")) {
                organizations--;
            } else if (ours && type.equals("jingzhun.rectification.ProblemLogged.v1")) {
                problems++;
            } else if (ours && type.equals("jingzhun.checklist.StudySessionHeld.v1")) {
                sessions++;
                days += record.value().path("days").asDouble();
            }
        }
        return Map.of("organizations", organizations, "problems", problems, "sessions", sessions,
                "days", Math.round(days * 2));
    }

    private Map<String, Long> totals(String campaign) throws IOException, InterruptedException {
        Api.Answer answer = api.get(cluster.uri(Service.REPORTING), "/api/totals?campaignId=" + campaign);
        if (answer.status() != 200) {
            throw new IOException("GET /api/totals answered " + answer.status() + ": " + answer.body());
        }
        JsonNode totals = answer.json();
        return Map.of("organizations", totals.at("/organizations/total").asLong(),
                "problems", totals.at("/problems/found").asLong(),
                "sessions", totals.at("/study/sessions").asLong(),
                "days", Math.round(totals.at("/study/days").asDouble() * 2));
    }

    /** Every record of the three event topics, from the beginning to the end offsets of now. */
    List<TopicRecord> readTopics() {
        List<String> topics = new ArrayList<>();
        for (Service service : Service.values()) {
            if (service.writing()) {
                topics.add(service.topic);
            }
        }
        return readTopics(topics);
    }

    List<TopicRecord> readTopic(String topic) {
        return readTopics(List.of(topic));
    }

    private List<TopicRecord> readTopics(List<String> topics) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<TopicRecord> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(60))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the topics to their end in 2 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(new TopicRecord(record.topic(), header(record, "ce_id"), header(record, "ce_type"),
                            value(record.value()), record));
                }
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode value(byte[] bytes) {
        try {
            return bytes == null ? null : Api.JSON.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** A two-column query as first column → count (second column). */
    Map<String, Long> countBy(Service service, String sql) {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = cluster.database(service.database()).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.merge(String.valueOf(rows.getString(1)), rows.getLong(2), Long::sum);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(service.shortName + ": " + sql, e);
        }
        return counts;
    }

    long eventCount(Service service) {
        return countBy(service, "SELECT 'all', count(*) FROM domain_event_entry").getOrDefault("all", 0L);
    }
}
