package org.jingzhun.verifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jingzhun.contracts.audit.Checkpoint;
import org.jingzhun.contracts.audit.EventHash;

/** Audit export lines built the way the services build them: chained events, then a signed checkpoint. */
final class AuditExports {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPE = "jingzhun.rectification.ProblemRectified.v1";
    static final Instant T = Instant.parse("2026-12-03T08:00:00.123Z");
    static final KeyPair KEYS = keys();

    private AuditExports() {
    }

    /** Event lines of {@code aggregates} chains of {@code perChain} events each, interleaved, positions 1.. . */
    static List<ObjectNode> events(int aggregates, int perChain) {
        List<ObjectNode> lines = new ArrayList<>();
        String[] prev = new String[aggregates];
        java.util.Arrays.fill(prev, EventHash.GENESIS);
        long position = 0;
        for (int i = 0; i < perChain; i++) {
            for (int a = 0; a < aggregates; a++) {
                String id = "p" + a + "-e" + i;
                String subject = "p" + a;
                Instant time = T.plusSeconds(i * 60L + a);
                ObjectNode event = JSON.createObjectNode().put("problemId", subject).put("organizationId", "org-1")
                        .put("note", "整改第" + i + "步");
                String hash = EventHash.of(prev[a], id, TYPE, subject, i, time, event.toString());
                ObjectNode line = JSON.createObjectNode();
                line.put("id", id).put("type", TYPE).put("time", time.atOffset(java.time.ZoneOffset.ofHours(8)).toString())
                        .put("actor", "clerk").put("subject", subject).put("sequence", i)
                        .put("organizationId", "org-1").putNull("campaignId").put("hash", hash)
                        .put("prevHash", prev[a]).put("position", ++position);
                line.set("event", event);
                lines.add(line);
                prev[a] = hash;
            }
        }
        return lines;
    }

    /** The checkpoint line over every event line given. */
    static ObjectNode checkpoint(List<ObjectNode> events, KeyPair keys) {
        long position = events.stream().mapToLong(e -> e.get("position").asLong()).max().orElse(0);
        List<String> hashes = events.stream()
                .sorted(java.util.Comparator.comparingLong(e -> e.get("position").asLong()))
                .map(e -> e.get("hash").asText()).toList();
        Checkpoint checkpoint = Checkpoint.sign(position, hashes, T.plusSeconds(3600), keys.getPrivate());
        ObjectNode line = JSON.createObjectNode();
        line.putObject("checkpoint").put("position", checkpoint.position()).put("events", checkpoint.events())
                .put("root", checkpoint.root()).put("signature", checkpoint.signature())
                .put("at", checkpoint.at().toString());
        line.put("key", publicKey(keys));
        return line;
    }

    static String publicKey(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    static String text(List<ObjectNode> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    static KeyPair keys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
