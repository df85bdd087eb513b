package org.jingzhun.platform.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.Topics;

/**
 * The AsyncAPI 3.0 document of a writing service, built from the contracts so it cannot drift from
 * them: its events topic (every public event with its JSON Schema and CloudEvents headers), its inbox
 * (every accepted type) and both dead-letter topics.
 */
public final class AsyncApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA_FORMAT = "application/schema+json;version=draft-2020-12";

    private AsyncApiDocument() {
    }

    /**
     * @param service       e.g. {@code checklist}: its events are those of {@link EventType#service()}
     * @param inboxTopic    e.g. {@code jingzhun.checklist.inbox}
     * @param acceptedTypes the {@code ce_type}s its inbox accepts
     */
    public static ObjectNode of(String service, String inboxTopic, Collection<String> acceptedTypes) {
        String eventsTopic = "jingzhun." + service + ".events";
        ObjectNode doc = JSON.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        doc.put("id", "urn:jingzhun:" + service + "-service");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Jingzhun " + service + " service: events and inbox");
        info.put("version", "v1");
        info.put("description", "Events are published on " + eventsTopic + " (key = aggregate id, CloudEvents 1.0 "
                + "binary mode). Other services report facts as CloudEvents to " + inboxTopic + " (key = the "
                + "organization id), recorded once per (ce_source, ce_id); refused ones go to " + inboxTopic
                + ".dlt with jingzhun_dlt_reason. The same CloudEvents may be posted to POST /api/inbox.");
        doc.put("defaultContentType", "application/json");

        ObjectNode channels = doc.putObject("channels");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode operations = doc.putObject("operations");

        ObjectNode events = channel(channels, "events", eventsTopic, "The service's public events, kept forever.");
        for (EventType type : EventCatalog.all()) {
            if (type.service().equals(service)) {
                String name = type.name();
                messages.set(name, eventMessage(type));
                events.with("messages").putObject(name).put("$ref", "#/components/messages/" + name);
            }
        }
        ObjectNode eventsDlt = channel(channels, "eventsDeadLetters", Topics.deadLetter(eventsTopic),
                "Event records a consumer could not project, with jingzhun_dlt_reason.");
        ObjectNode inbox = channel(channels, "inbox", inboxTopic, "CloudEvents other services publish to be recorded.");
        for (String accepted : new TreeSet<>(acceptedTypes)) {
            String name = "Inbox" + accepted.replaceAll("^jingzhun\\.[a-z]+\\.", "").replaceAll("\\.v\\d+$", "");
            messages.set(name, inboxMessage(accepted));
            inbox.with("messages").putObject(name).put("$ref", "#/components/messages/" + name);
        }
        ObjectNode inboxDlt = channel(channels, "inboxDeadLetters", Topics.deadLetter(inboxTopic),
                "Refused inbox CloudEvents: original headers and value, plus jingzhun_dlt_reason.");
        messages.set("DeadLetter", deadLetterMessage());
        eventsDlt.with("messages").putObject("DeadLetter").put("$ref", "#/components/messages/DeadLetter");
        inboxDlt.with("messages").putObject("DeadLetter").put("$ref", "#/components/messages/DeadLetter");

        operation(operations, "publishEvents", "send", "events");
        operation(operations, "receiveInbox", "receive", "inbox");
        operation(operations, "deadLetterInbox", "send", "inboxDeadLetters");
        return doc;
    }

    private static ObjectNode channel(ObjectNode channels, String id, String address, String description) {
        ObjectNode channel = channels.putObject(id);
        channel.put("address", address);
        channel.put("description", description);
        channel.putObject("messages");
        return channel;
    }

    private static void operation(ObjectNode operations, String id, String action, String channel) {
        ObjectNode operation = operations.putObject(id);
        operation.put("action", action);
        operation.putObject("channel").put("$ref", "#/channels/" + channel);
    }

    private static ObjectNode eventMessage(EventType type) {
        ObjectNode message = JSON.createObjectNode();
        message.put("name", type.cloudEventType());
        message.put("title", type.name());
        message.put("contentType", "application/json");
        ObjectNode headers = headers(List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time",
                "ce_subject", "ce_dataschema", "content-type", "jingzhun_sequence", "jingzhun_actor"));
        ObjectNode properties = (ObjectNode) headers.get("properties");
        properties.putObject("ce_type").put("type", "string").put("const", type.cloudEventType());
        properties.putObject("ce_dataschema").put("type", "string").put("const", type.dataSchema());
        properties.putObject("ce_subject").put("type", "string").put("description", "The aggregate id (= the key).");
        properties.putObject("jingzhun_sequence").put("type", "string").put("pattern", "^[0-9]+$")
                .put("description", "The aggregate's sequence number.");
        properties.putObject("jingzhun_actor").put("type", "string").put("description", "Who issued the command.");
        // Hex SHA-256 links of the event's aggregate chain (contracts/AUDIT-CHAIN.md); absent on events stored
        // before chaining.
        properties.putObject("jingzhun_hash").put("type", "string").put("pattern", "^[0-9a-f]{64}$")
                .put("description", "SHA-256 of this event in its aggregate's chain (contracts/AUDIT-CHAIN.md).");
        properties.putObject("jingzhun_prev_hash").put("type", "string").put("pattern", "^[0-9a-f]{64}$")
                .put("description", "The chain's previous hash; 64 zeros for the chain's first event.");
        properties.putObject("jingzhun_causation_source").put("type", "string")
                .put("description", "Recorded from an inbox CloudEvent: its ce_source.");
        properties.putObject("jingzhun_causation_id").put("type", "string")
                .put("description", "Recorded from an inbox CloudEvent: its ce_id.");
        message.set("headers", headers);
        ObjectNode payload = message.putObject("payload");
        payload.put("schemaFormat", SCHEMA_FORMAT);
        payload.set("schema", schema(type));
        return message;
    }

    private static ObjectNode inboxMessage(String type) {
        ObjectNode message = JSON.createObjectNode();
        message.put("name", type);
        message.put("contentType", "application/json");
        message.put("description", "Leads to the event " + type + " once recorded. The data is the body of the "
                + "matching HTTP command plus orgId (and problemId, item where the command's path names them); "
                + "it is validated exactly as that request.");
        ObjectNode headers = headers(List.of("ce_specversion", "ce_id", "ce_source", "ce_type"));
        ObjectNode properties = (ObjectNode) headers.get("properties");
        properties.putObject("ce_type").put("type", "string").put("const", type);
        properties.putObject("ce_time").put("type", "string").put("format", "date-time");
        message.set("headers", headers);
        ObjectNode payload = message.putObject("payload");
        payload.put("schemaFormat", SCHEMA_FORMAT);
        ObjectNode schema = payload.putObject("schema");
        schema.put("type", "object");
        schema.putArray("required").add("orgId");
        schema.putObject("properties").putObject("orgId").put("type", "string").put("minLength", 1).put("maxLength", 100);
        return message;
    }

    private static ObjectNode deadLetterMessage() {
        ObjectNode message = JSON.createObjectNode();
        message.put("name", "DeadLetter");
        message.put("description", "The refused record as it was, plus the reason.");
        ObjectNode headers = headers(List.of("jingzhun_dlt_reason"));
        ((ObjectNode) headers.get("properties")).putObject("jingzhun_dlt_reason").put("type", "string")
                .put("description", "Problem details as JSON: code, field, message (inbox); a text reason (events).");
        ((ObjectNode) headers.get("properties")).putObject("jingzhun_dlt_origin").put("type", "string")
                .put("description", "topic-partition@offset of the refused record.");
        message.set("headers", headers);
        return message;
    }

    private static ObjectNode headers(List<String> required) {
        ObjectNode headers = JSON.createObjectNode();
        headers.put("type", "object");
        ArrayNode names = headers.putArray("required");
        required.forEach(names::add);
        ObjectNode properties = headers.putObject("properties");
        for (String name : required) {
            properties.putObject(name).put("type", "string");
        }
        if (required.contains("ce_specversion")) {
            properties.putObject("ce_specversion").put("type", "string").put("const", "1.0");
            properties.putObject("ce_id").put("type", "string").put("minLength", 1);
            properties.putObject("ce_source").put("type", "string").put("minLength", 1);
            if (required.contains("ce_time")) {
                properties.putObject("ce_time").put("type", "string").put("format", "date-time");
            }
            if (required.contains("content-type")) {
                properties.putObject("content-type").put("type", "string").put("const", "application/json");
            }
        }
        return headers;
    }

    private static JsonNode schema(EventType type) {
        try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("No schema for " + type.cloudEventType());
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
