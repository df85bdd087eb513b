package org.jingzhun.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a keyed request's commands returned, as kept in {@code idempotency_record.command_results}: a JSON
 * array of {@code {"type": <class name or null>, "value": <the result as JSON>}}, one per command.
 */
final class CommandResults {

    private CommandResults() {
    }

    static String encode(ObjectMapper json, Object result) {
        return write(json, node(json, result));
    }

    /** The results array of a request's first command: {@code [<result as encode writes it>]}. */
    static String first(ObjectMapper json, Object result) {
        return write(json, json.createArrayNode().add(node(json, result)));
    }

    private static ObjectNode node(ObjectMapper json, Object result) {
        ObjectNode node = json.createObjectNode();
        node.put("type", result == null ? null : result.getClass().getName());
        node.set("value", json.valueToTree(result));
        return node;
    }

    private static String write(ObjectMapper json, JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a command's result cannot be kept: " + e.getOriginalMessage(), e);
        }
    }

    /** The results kept for a key, in the order the commands ran ({@code null} for a command that returned nothing). */
    static List<Object> decode(ObjectMapper json, String array) {
        if (array == null) {
            return List.of();
        }
        try {
            List<Object> results = new ArrayList<>();
            for (JsonNode node : json.readTree(array)) {
                JsonNode type = node.get("type");
                results.add(type == null || type.isNull() ? null : json.treeToValue(node.get("value"),
                        Class.forName(type.asText(), false, CommandResults.class.getClassLoader())));
            }
            return Collections.unmodifiableList(results);
        } catch (JsonProcessingException | ClassNotFoundException e) {
            throw new IllegalStateException("the kept results of a command cannot be read: " + e.getMessage(), e);
        }
    }
}
