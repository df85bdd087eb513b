package org.jingzhun.verifier;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.audit.ChainVerifier;

/** What a verification found: the chain check's counts and findings, and each checkpoint's outcome. */
final class Report {

    private final String source;
    private final ChainVerifier chains;
    private final List<String> intactCheckpoints = new ArrayList<>();
    private final List<String> brokenCheckpoints = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<ChainVerifier.Broken> found = new ArrayList<>();
    /** Every event read, by id, when a second source is to be compared with this one (else null). */
    private final Map<String, Seen> seen;
    private long signedUpTo = -1;
    private String summary;

    /** An event as one source holds it: its hash, where it is, and its trail position (-1 on a topic). */
    record Seen(String hash, String where, long position) {
    }

    Report(String source, ChainVerifier chains) {
        this(source, chains, false);
    }

    Report(String source, ChainVerifier chains, boolean keepEvents) {
        this.source = source;
        this.chains = chains;
        this.seen = keepEvents ? new LinkedHashMap<>() : null;
    }

    /** Keeps an event for a comparison with another source (the first record of a re-sent event). */
    void seen(String eventId, String hash, String where, long position) {
        if (seen != null) {
            seen.putIfAbsent(eventId, new Seen(hash, where, position));
        }
    }

    /** The events read, by id (empty unless kept). */
    Map<String, Seen> events() {
        return seen == null ? Map.of() : seen;
    }

    /** The highest position of an intact checkpoint: every event at or below it is signed (-1: none). */
    long signedUpTo() {
        return signedUpTo;
    }

    void signedUpTo(long position) {
        signedUpTo = Math.max(signedUpTo, position);
    }

    /** Something broken that no chain shows (found by comparing two sources). */
    void eventBroken(String eventId, String reason) {
        found.add(new ChainVerifier.Broken(eventId, reason));
    }

    /** What was checked, said instead of the chain counts (for a comparison). */
    void summary(String summary) {
        this.summary = summary;
    }

    void checkpointIntact(String what) {
        intactCheckpoints.add(what);
    }

    void checkpointBroken(String what) {
        brokenCheckpoints.add(what);
    }

    void note(String note) {
        notes.add(note);
    }

    boolean intact() {
        return brokenEvents().isEmpty() && brokenCheckpoints.isEmpty();
    }

    List<ChainVerifier.Broken> brokenEvents() {
        List<ChainVerifier.Broken> all = new ArrayList<>(chains.broken());
        all.addAll(found);
        return all;
    }

    List<String> brokenCheckpoints() {
        return List.copyOf(brokenCheckpoints);
    }

    void print(PrintStream out, int limit) {
        List<ChainVerifier.Broken> broken = brokenEvents();
        out.printf("Source: %s%n", source);
        if (summary != null) {
            out.println(summary);
        } else {
            out.printf("Events checked: %d in %d chains; %d without a hash (recorded before chaining began); %d"
                    + " records repeating an event unchanged (re-sent)%n", chains.checked(), chains.chains(),
                    chains.unhashed(), chains.duplicates());
            out.printf("Events intact: %d%n", chains.checked() - broken.stream().map(ChainVerifier.Broken::eventId)
                    .distinct().count() - chains.unhashed() - chains.duplicates());
        }
        intactCheckpoints.forEach(c -> out.println("Checkpoint intact: " + c));
        notes.forEach(n -> out.println("Note: " + n));
        if (intact()) {
            out.println("INTACT: every hash, link and checkpoint checks out.");
            return;
        }
        if (!broken.isEmpty()) {
            ChainVerifier.Broken first = broken.get(0);
            out.printf("NOT INTACT: first broken event %s: %s%n", first.eventId(), first.reason());
            broken.stream().skip(1).limit(Math.max(0, limit - 1))
                    .forEach(b -> out.printf("  also broken: event %s: %s%n", b.eventId(), b.reason()));
            if (broken.size() > limit) {
                out.printf("  ... and %d more (--all lists them)%n", broken.size() - limit);
            }
        } else {
            out.println("NOT INTACT:");
        }
        brokenCheckpoints.forEach(c -> out.println("  checkpoint broken: " + c));
    }
}
