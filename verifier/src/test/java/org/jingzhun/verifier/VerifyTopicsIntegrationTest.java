package org.jingzhun.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingzhun.embedded.EmbeddedKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier against a real broker: topics written as the relay writes them, then tampered with. */
class VerifyTopicsIntegrationTest {

    @TempDir
    static Path data;
    static EmbeddedKafkaBroker kafka;
    private static int topics;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafkaBroker.start(data, 0, 0);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    /** Writes the events (as export lines) to a fresh two-partition topic the way the relay does; returns it. */
    private static String topic(List<ObjectNode> events) throws Exception {
        String topic = "jingzhun.rectification" + (++topics) + ".events";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream().allMatch(p -> p.leader() != null));
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (ObjectNode line : events) {
                String subject = line.get("subject").asText();
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, subject,
                        line.get("event").toString().getBytes(StandardCharsets.UTF_8));
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", line.get("id").asText());
                header(record, "ce_type", line.get("type").asText());
                header(record, "ce_time", line.get("time").asText());
                header(record, "ce_subject", subject);
                header(record, "jingzhun_sequence", line.get("sequence").asText());
                header(record, "jingzhun_hash", line.get("hash").asText());
                header(record, "jingzhun_prev_hash", line.get("prevHash").asText());
                producer.send(record).get();
            }
        }
        return topic;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] verify(String topic) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Verify.run(new String[] {"--bootstrap-servers", kafka.bootstrapServers(), "--topics", topic},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8)};
    }

    private static String[] verifyTampered(UnaryOperator<List<ObjectNode>> tamper) throws Exception {
        return verify(topic(tamper.apply(new ArrayList<>(AuditExports.events(4, 3)))));
    }

    @Test
    void intactTopicsExitZero() throws Exception {
        String[] outcome = verifyTampered(events -> events);

        assertThat(outcome[0]).as(outcome[1]).isEqualTo("0");
        assertThat(outcome[1]).contains("Events checked: 12 in 4 chains").contains("INTACT");
    }

    @Test
    void aDroppedRecordIsNamedByTheNextOfItsChain() throws Exception {
        String[] outcome = verifyTampered(events -> {
            events.remove(5); // p1-e1
            return events;
        });

        assertThat(outcome[0]).isEqualTo("1");
        assertThat(outcome[1]).contains("first broken event p1-e2: the event before it in its chain");
    }

    @Test
    void aChangedPayloadIsNamed() throws Exception {
        String[] outcome = verifyTampered(events -> {
            ((ObjectNode) events.get(6).get("event")).put("organizationId", "org-2"); // p2-e1
            return events;
        });

        assertThat(outcome[0]).isEqualTo("1");
        assertThat(outcome[1]).contains("first broken event p2-e1: changed");
    }

    /** Verifies the topic against a signed export of {@code events}: {exit status, what was printed}. */
    private static String[] verifyAgainstExport(String topic, List<ObjectNode> events, String... more) throws Exception {
        List<ObjectNode> export = new ArrayList<>(events);
        export.add(AuditExports.checkpoint(events, AuditExports.KEYS));
        Path file = data.resolve("export-" + System.nanoTime() + ".ndjson");
        java.nio.file.Files.writeString(file, AuditExports.text(export));
        List<String> args = new ArrayList<>(List.of("--ndjson", file.toString(), "--bootstrap-servers",
                kafka.bootstrapServers(), "--topics", topic));
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Verify.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void theLastRecordOfAChainDroppedFromItsTopicIsNamedAgainstTheSignedExport() throws Exception {
        List<ObjectNode> events = AuditExports.events(4, 3);
        List<ObjectNode> onTopic = new ArrayList<>(events);
        onTopic.remove(9); // p1-e2, the last of its chain: no later link shows the gap
        String topic = topic(onTopic);
        assertThat(verify(topic)[0]).as("the chains alone cannot see it").isEqualTo("0");

        String[] outcome = verifyAgainstExport(topic, events, "--public-key", AuditExports.publicKey(AuditExports.KEYS));

        assertThat(outcome[0]).as(outcome[1]).isEqualTo("1");
        assertThat(outcome[1]).contains("Events compared: 12")
                .contains("NOT INTACT: first broken event p1-e2: missing from the topics: the export has it at position 10");
    }

    @Test
    void aTopicAndItsSignedExportThatAgreeAreIntact() throws Exception {
        List<ObjectNode> events = AuditExports.events(2, 2);

        String[] outcome = verifyAgainstExport(topic(events), events);

        assertThat(outcome[0]).as(outcome[1]).isEqualTo("0");
        assertThat(outcome[1]).contains("Events compared: 4 (every hashed export event up to checkpoint position 4)");
    }

    @Test
    void twoReorderedRecordsAreNamed() throws Exception {
        String[] outcome = verifyTampered(events -> {
            Collections.swap(events, 3, 7); // p3-e0 and p3-e1
            return events;
        });

        assertThat(outcome[0]).isEqualTo("1");
        assertThat(outcome[1]).contains("first broken event p3-e1").contains("out of order");
    }
}
