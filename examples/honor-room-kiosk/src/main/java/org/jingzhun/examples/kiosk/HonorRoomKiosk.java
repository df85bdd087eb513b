package org.jingzhun.examples.kiosk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The honor room's visitor kiosk: reports a visit to Jingzhun's checklist inbox as a CloudEvent 1.0 in
 * Kafka binary mode. What another team copies to integrate:
 * <ul>
 *   <li>topic {@code jingzhun.checklist.inbox}, key = the organization id (its visits stay in order);</li>
 *   <li>{@code ce_type} names the fact, {@code jingzhun.checklist.HonorRoomVisited.v1}; {@code ce_source}
 *       names the kiosk; {@code ce_id} is unique per visit <em>and kept when re-sending it</em>: Jingzhun
 *       records each (source, id) once, so a retry after a timeout can never count a visit twice;</li>
 *   <li>the data is the body of {@code POST /api/organizations/{orgId}/honor-room-visits} plus {@code orgId}.</li>
 * </ul>
 * Refused visits (an unknown organization, a bad date) land on {@code jingzhun.checklist.inbox.dlt} with
 * the reason in the {@code jingzhun_dlt_reason} header.
 */
public final class HonorRoomKiosk implements AutoCloseable {

    public static final String TOPIC = "jingzhun.checklist.inbox";
    public static final String TYPE = "jingzhun.checklist.HonorRoomVisited.v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, byte[]> producer;
    private final URI source;

    public HonorRoomKiosk(String bootstrapServers, String kioskName) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // A visit counts as sent once every in-sync replica has it; retries never duplicate it on the topic.
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(properties);
        this.source = URI.create("/honor-room-kiosk/" + kioskName);
    }

    /** The CloudEvent of one visit; {@code visitId} is its {@code ce_id}: keep it to re-send the same visit. */
    public CloudEvent visit(String visitId, String orgId, String campaignId, LocalDate date, int visitors) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orgId", orgId);
        data.put("campaignId", campaignId);
        data.put("date", date.toString());
        data.put("visitors", visitors);
        try {
            return CloudEventBuilder.v1().withId(visitId).withSource(source).withType(TYPE)
                    .withTime(OffsetDateTime.now()).withData("application/json", JSON.writeValueAsBytes(data))
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sends the visit and waits until Kafka has it. */
    public RecordMetadata report(CloudEvent visit, String orgId) throws Exception {
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(TOPIC, orgId).writeBinary(visit);
        return producer.send(record).get();
    }

    @Override
    public void close() {
        producer.close();
    }

    /**
     * {@code java -jar honor-room-kiosk-exec.jar BOOTSTRAP_SERVERS ORG_ID CAMPAIGN_ID VISITORS [DATE] [VISIT_ID]}
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: honor-room-kiosk BOOTSTRAP_SERVERS ORG_ID CAMPAIGN_ID VISITORS [DATE] [VISIT_ID]");
            System.exit(2);
        }
        LocalDate date = args.length > 4 ? LocalDate.parse(args[4]) : LocalDate.now();
        String visitId = args.length > 5 ? args[5] : UUID.randomUUID().toString();
        try (HonorRoomKiosk kiosk = new HonorRoomKiosk(args[0], "main-hall")) {
            CloudEvent visit = kiosk.visit(visitId, args[1], args[2], date, Integer.parseInt(args[3]));
            RecordMetadata sent = kiosk.report(visit, args[1]);
            System.out.println("Reported visit " + visitId + " to " + sent.topic() + "-" + sent.partition() + "@"
                    + sent.offset() + "; re-run with the same VISIT_ID to retry safely");
        }
    }
}
