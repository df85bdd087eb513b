package org.jingzhun.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingzhun.verifier.AuditExports.KEYS;
import static org.jingzhun.verifier.AuditExports.checkpoint;
import static org.jingzhun.verifier.AuditExports.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyNdjsonTest {

    @TempDir
    Path directory;

    private record Outcome(int status, String out, String err) {
    }

    private Outcome verify(List<ObjectNode> lines, String... more) throws IOException {
        Path file = directory.resolve("audit-" + System.nanoTime() + ".ndjson");
        Files.writeString(file, AuditExports.text(lines));
        List<String> args = new ArrayList<>(List.of("--ndjson", file.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Verify.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** An export of three interleaved chains of four events and its checkpoint. */
    private static List<ObjectNode> export() {
        List<ObjectNode> lines = new ArrayList<>(events(3, 4));
        lines.add(checkpoint(lines, KEYS));
        return lines;
    }

    @Test
    void anIntactExportExitsZeroAndSaysWhatItChecked() throws IOException {
        Outcome outcome = verify(export(), "--public-key", AuditExports.publicKey(KEYS));

        assertThat(outcome.status()).as(outcome.out()).isZero();
        assertThat(outcome.out()).contains("Events checked: 12 in 3 chains").contains("Events intact: 12")
                .contains("Checkpoint intact: position 12 (12 events").contains("INTACT");
    }

    @Test
    void aChangedPayloadByteIsNamed() throws IOException {
        List<ObjectNode> lines = export();
        ((ObjectNode) lines.get(4).get("event")).put("note", "整改第9步");

        Outcome outcome = verify(lines);

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out()).contains("NOT INTACT: first broken event p1-e1: changed");
        // Its hash, and so the checkpoint over the hashes, is as signed: the chain check names it.
        assertThat(outcome.out()).doesNotContain("checkpoint broken");
    }

    @Test
    void aChangedPayloadWithARecomputedHashIsCaughtByTheNextLinkAndTheCheckpoint() throws IOException {
        List<ObjectNode> lines = export();
        // The last event of chain p2: no event after it to notice, only the signed checkpoint.
        ObjectNode last = lines.get(11);
        ((ObjectNode) last.get("event")).put("note", "篡改");
        last.put("hash", org.jingzhun.contracts.audit.EventHash.of(last.get("prevHash").asText(), "p2-e3",
                AuditExports.TYPE, "p2", 3, java.time.OffsetDateTime.parse(last.get("time").asText()).toInstant(),
                last.get("event").toString()));

        Outcome outcome = verify(lines);

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out()).contains("checkpoint broken: position 12").contains("Merkle root");
    }

    @Test
    void aDeletedEventIsNamedByTheNextOfItsChain() throws IOException {
        List<ObjectNode> lines = export();
        lines.remove(3); // p0-e1

        Outcome outcome = verify(lines);

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out()).contains("first broken event p0-e2: the event before it in its chain")
                .contains("events were removed");
    }

    @Test
    void theDeletedLastEventOfAChainIsCaughtByTheCheckpoint() throws IOException {
        List<ObjectNode> lines = export();
        lines.remove(11);

        Outcome outcome = verify(lines);

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out()).contains("the export holds 11 hashed events up to position 12, the checkpoint 12");
    }

    @Test
    void twoReorderedEventsAreNamed() throws IOException {
        List<ObjectNode> lines = export();
        Collections.swap(lines, 3, 6); // p0-e1 and p0-e2

        Outcome outcome = verify(lines);

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out()).contains("first broken event p0-e2").contains("out of order");
    }

    @Test
    void twoEventsWhosePositionsWereSwappedAreNamedAndBreakTheCheckpoint() throws IOException {
        List<ObjectNode> lines = export();
        long first = lines.get(4).get("position").asLong(); // p1-e1
        lines.get(4).put("position", lines.get(7).get("position").asLong()); // p1-e2
        lines.get(7).put("position", first);

        Outcome outcome = verify(lines);

        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out()).contains("first broken event p1-e2: out of order in the trail: position 5 comes"
                + " after p1-e1 at position 8").contains("an event up to this position was changed or replaced");
    }

    @Test
    void aCheckpointSignedWithAnotherKeyFailsUnderThePinnedKey() throws IOException {
        List<ObjectNode> lines = new ArrayList<>(events(2, 2));
        lines.add(checkpoint(lines, AuditExports.keys()));

        assertThat(verify(lines).status()).isZero();
        Outcome pinned = verify(lines, "--public-key", AuditExports.publicKey(KEYS));
        assertThat(pinned.status()).isEqualTo(1);
        assertThat(pinned.out()).contains("the signature is not valid under the given public key");
    }

    @Test
    void anExportWithoutCheckpointChecksHashesAndSaysSo() throws IOException {
        Outcome outcome = verify(events(2, 3));

        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).contains("carries no checkpoint");
    }

    @Test
    void badArgumentsAndUnreadableInputExitTwo() {
        assertThat(run().status()).isEqualTo(2);
        assertThat(run("--ndjson", "a", "--bootstrap-servers", "b").status()).isEqualTo(2);
        assertThat(run("--frobnicate").err()).contains("Unknown option --frobnicate");
        assertThat(run("--ndjson", directory.resolve("missing.ndjson").toString()).status()).isEqualTo(2);
        assertThat(run("--help").status()).isZero();
    }
}
