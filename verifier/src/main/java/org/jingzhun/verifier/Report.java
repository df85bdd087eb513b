package org.jingzhun.verifier;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.jingzhun.contracts.audit.ChainVerifier;

/** What a verification found: the chain check's counts and findings, and each checkpoint's outcome. */
final class Report {

    private final String source;
    private final ChainVerifier chains;
    private final List<String> intactCheckpoints = new ArrayList<>();
    private final List<String> brokenCheckpoints = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(String source, ChainVerifier chains) {
        this.source = source;
        this.chains = chains;
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
        return chains.broken().isEmpty() && brokenCheckpoints.isEmpty();
    }

    List<ChainVerifier.Broken> brokenEvents() {
        return chains.broken();
    }

    List<String> brokenCheckpoints() {
        return List.copyOf(brokenCheckpoints);
    }

    void print(PrintStream out, int limit) {
        List<ChainVerifier.Broken> broken = chains.broken();
        out.printf("Source: %s%n", source);
        out.printf("Events checked: %d in %d chains; %d without a hash (recorded before chaining began); %d records"
                + " repeating an event unchanged (re-sent)%n", chains.checked(), chains.chains(), chains.unhashed(),
                chains.duplicates());
        out.printf("Events intact: %d%n", chains.checked() - broken.stream().map(ChainVerifier.Broken::eventId)
                .distinct().count() - chains.unhashed() - chains.duplicates());
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
