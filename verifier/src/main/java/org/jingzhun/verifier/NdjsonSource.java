package org.jingzhun.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jingzhun.contracts.audit.ChainVerifier;
import org.jingzhun.contracts.audit.Checkpoint;
import org.jingzhun.contracts.audit.EventHash;

/**
 * An audit export ({@code GET /api/audit/events}): event lines, checked in the order of the file (within
 * one aggregate that is the order it was recorded), then checkpoint lines
 * ({@code {"checkpoint": {...}, "key": "..."}}), each checked against the export's events up to its position.
 */
final class NdjsonSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NdjsonSource() {
    }

    static Report verify(String file, String pinnedKey) throws IOException {
        return verify(file, pinnedKey, false);
    }

    /** @param keepEvents whether to keep every event's id and hash, to compare the export with the topics */
    static Report verify(String file, String pinnedKey, boolean keepEvents) throws IOException {
        ChainVerifier chains = new ChainVerifier(false);
        Report report = new Report("audit export " + file, chains, keepEvents);
        TreeMap<Long, String> hashesByPosition = new TreeMap<>();
        // Each chain's last position and event: along a chain, positions (the trail's append order) only grow.
        Map<String, Long> lastPositions = new HashMap<>();
        Map<String, String> lastIds = new HashMap<>();
        List<JsonNode> checkpoints = new ArrayList<>();
        boolean positionsMissing = false;
        try (BufferedReader lines = open(file)) {
            String text;
            long number = 0;
            while ((text = lines.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode line;
                try {
                    line = JSON.readTree(text);
                } catch (IOException e) {
                    throw new IOException("line " + number + " is not JSON: " + e.getMessage(), e);
                }
                if (line.has("checkpoint")) {
                    checkpoints.add(line);
                    continue;
                }
                ChainVerifier.Link link = link(line, number);
                chains.accept(link);
                report.seen(link.eventId(), link.hash(), "line " + number, line.path("position").asLong(-1));
                if (line.hasNonNull("position") && link.hash() != null) {
                    long position = line.get("position").asLong();
                    hashesByPosition.put(position, link.hash());
                    String chain = EventHash.chainOf(link.type(), link.aggregateId());
                    Long before = lastPositions.put(chain, position);
                    if (before != null && before > position) {
                        report.eventBroken(link.eventId(), "out of order in the trail: position " + position
                                + " comes after " + lastIds.get(chain) + " at position " + before
                                + " in its chain (the positions were changed)");
                    }
                    lastIds.put(chain, link.eventId());
                } else if (!line.hasNonNull("position")) {
                    positionsMissing = true;
                }
            }
        }
        if (checkpoints.isEmpty()) {
            report.note("the export carries no checkpoint (a filtered export, or none made yet): only hashes and"
                    + " links were checked");
        }
        for (JsonNode line : checkpoints) {
            checkCheckpoint(line, pinnedKey, hashesByPosition, positionsMissing, report);
        }
        return report;
    }

    private static void checkCheckpoint(JsonNode line, String pinnedKey, TreeMap<Long, String> hashesByPosition,
                                        boolean positionsMissing, Report report) {
        JsonNode c = line.get("checkpoint");
        Checkpoint checkpoint = new Checkpoint(c.path("position").asLong(), c.path("events").asLong(),
                c.path("root").asText(), c.path("signature").asText(), Instant.parse(c.path("at").asText()));
        String name = "position " + checkpoint.position() + " (" + checkpoint.events() + " events, " + checkpoint.at() + ")";
        String keyText = pinnedKey != null ? pinnedKey : line.path("key").asText(null);
        if (keyText == null) {
            report.checkpointBroken(name + ": no public key to check its signature (--public-key)");
            return;
        }
        PublicKey key = Checkpoint.publicKey(keyText);
        if (!checkpoint.signatureValid(key)) {
            report.checkpointBroken(name + ": the signature is not valid" + (pinnedKey != null
                    ? " under the given public key" : " under the key in the export"));
            return;
        }
        if (positionsMissing) {
            report.checkpointBroken(name + ": the export's lines carry no position to rebuild its tree");
            return;
        }
        List<String> hashes = new ArrayList<>(hashesByPosition.headMap(checkpoint.position(), true).values());
        if (hashes.size() != checkpoint.events()) {
            report.checkpointBroken(name + ": the export holds " + hashes.size() + " hashed events up to position "
                    + checkpoint.position() + ", the checkpoint " + checkpoint.events()
                    + (hashes.size() < checkpoint.events() ? ": events were removed" : ": events were added"));
            return;
        }
        String root = HexFormat.of().formatHex(Checkpoint.root(hashes));
        if (!root.equals(checkpoint.root())) {
            report.checkpointBroken(name + ": the Merkle root of the export's events is " + root
                    + ", the signed one " + checkpoint.root() + ": an event up to this position was changed or replaced");
            return;
        }
        report.signedUpTo(checkpoint.position());
        report.checkpointIntact(name + ", root " + checkpoint.root() + ", signature valid"
                + (pinnedKey == null ? " (under the key written in the export; pin it with --public-key)" : ""));
    }

    private static ChainVerifier.Link link(JsonNode line, long number) throws IOException {
        try {
            return new ChainVerifier.Link(text(line, "id"), text(line, "type"), text(line, "subject"),
                    line.path("sequence").asLong(-1), OffsetDateTime.parse(text(line, "time")).toInstant(),
                    line.get("event") == null ? "null" : line.get("event").toString(),
                    line.path("hash").isTextual() ? line.get("hash").asText() : null,
                    line.path("prevHash").isTextual() ? line.get("prevHash").asText() : null);
        } catch (RuntimeException e) {
            throw new IOException("line " + number + " is not an audit event: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value.asText();
    }

    private static BufferedReader open(String file) throws IOException {
        return "-".equals(file)
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }
}
