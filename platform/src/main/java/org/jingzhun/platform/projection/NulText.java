package org.jingzhun.platform.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON text may carry U+0000 ({@code "a\u0000b"}), PostgreSQL text and {@code jsonb} cannot. Events are
 * written elsewhere, possibly by older or other producers, so reporting must store them anyway: the read
 * models get the text with every NUL replaced by U+FFFD (the Unicode replacement character), the audit
 * trail keeps the JSON as it travelled beside it.
 */
public final class NulText {

    /** What replaces a NUL character. */
    public static final char REPLACEMENT = '\uFFFD';

    private NulText() {
    }

    /**
     * Whether the JSON text may hold a NUL character: cheap, and true for every text that does (JSON can only
     * carry one escaped); false positives ({@code "\\u0000"}, an escaped backslash) just cost a tree walk.
     */
    public static boolean mayContainNul(String json) {
        return json.indexOf('\u0000') >= 0 || json.contains("\\u0000") || json.contains("\\U0000");
    }

    /** Whether any string or field name in the tree holds a NUL character. */
    public static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().indexOf('\u0000') >= 0 || containsNul(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A copy of the tree with every NUL in strings and field names replaced by U+FFFD. */
    public static JsonNode sanitized(JsonNode node) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(replace(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> copy.set(replace(field.getKey()), sanitized(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(sanitized(element)));
            return copy;
        }
        return node;
    }

    /** The text with every NUL replaced by U+FFFD. */
    public static String replace(String text) {
        return text.replace('\u0000', REPLACEMENT);
    }
}
