package org.jingzhun.contracts.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks events against {@link EventHash}: each event's hash is recomputed from its fields, and each
 * event must link to the previous event of its chain (one chain per service and aggregate). Feed the
 * events of a chain in the order they were recorded (topic offset order, or the audit trail's order);
 * chains may interleave. Shared by the reporting service's verification and the standalone verifier.
 *
 * <p>What it can tell: a changed event (its hash no longer matches its fields), an event missing from
 * the middle of a chain or events out of order (the next event's {@code prevHash} does not match), an
 * event without a hash after its chain began. What it cannot: the last events of a chain deleted — the
 * signed checkpoints and the comparison of the audit trail with the topics catch those.
 */
public final class ChainVerifier {

    /** One event as read from a topic or an export. {@code hash} and {@code prevHash} may be null. */
    public record Link(String eventId, String type, String aggregateId, long sequence, Instant time,
                       String payloadJson, String hash, String prevHash) {
    }

    /** Something that is not intact, naming the first event where it shows. */
    public record Broken(String eventId, String reason) {
    }

    private record Head(String eventId, long sequence, String hash) {
    }

    private final boolean openStart;
    private final Map<String, Head> heads = new HashMap<>();
    private final List<Broken> broken = new ArrayList<>();
    /** The first 64 bits of every verified hash: enough to recognise a re-sent record, in 1/4 of the memory. */
    private final java.util.Set<Long> seen = new java.util.HashSet<>();
    private long checked;
    private long unhashed;
    private long duplicates;

    /**
     * @param openStart whether the first event seen of a chain may link to an event not seen (a check of
     *                  a time range); otherwise a chain's first hashed event must link to {@link EventHash#GENESIS}
     */
    public ChainVerifier(boolean openStart) {
        this.openStart = openStart;
    }

    /** Checks one event; returns the problems it showed (also kept in {@link #broken()}). */
    public List<Broken> accept(Link event) {
        checked++;
        List<Broken> found = new ArrayList<>(1);
        String chain = EventHash.chainOf(event.type(), event.aggregateId());
        Head head = heads.get(chain);
        if (event.hash() == null && event.prevHash() == null) {
            if (head != null && head.hash() != null) {
                found.add(new Broken(event.eventId(), "has no hash although its chain (" + chain
                        + ") was hashed before it: its hash headers were removed"));
            } else {
                unhashed++;
                heads.put(chain, new Head(event.eventId(), event.sequence(), null));
            }
            broken.addAll(found);
            return found;
        }
        if (!EventHash.isHash(event.hash()) || !EventHash.isHash(event.prevHash())) {
            found.add(new Broken(event.eventId(), "its hash or previous hash is not a lowercase hex SHA-256"));
        } else {
            String expected;
            try {
                expected = EventHash.of(event.prevHash(), event.eventId(), event.type(), event.aggregateId(),
                        event.sequence(), event.time(), event.payloadJson());
            } catch (IllegalArgumentException e) {
                expected = null;
            }
            if (!event.hash().equals(expected)) {
                found.add(new Broken(event.eventId(), expected == null ? "its payload is not JSON"
                        : "changed: its hash does not match its content (payload, type, time, aggregate or"
                                + " sequence altered)"));
            }
        }
        if (found.isEmpty() && !seen.add(Long.parseUnsignedLong(event.hash().substring(0, 16), 16))) {
            // The same event again, unchanged (its hash verified): the relay sends at least once.
            duplicates++;
            return found;
        }
        if (head == null || head.hash() == null) {
            if (!openStart && !EventHash.GENESIS.equals(event.prevHash())) {
                found.add(new Broken(event.eventId(), "the event before it in its chain (" + chain
                        + ") is missing: it links to " + abbreviated(event.prevHash()) + ", which is not here"));
            }
        } else if (!head.hash().equals(event.prevHash())) {
            if (event.sequence() >= 0 && event.sequence() <= head.sequence()) {
                found.add(new Broken(event.eventId(), "out of order: sequence " + event.sequence() + " of " + chain
                        + " comes after sequence " + head.sequence() + " (" + head.eventId() + ")"));
            } else {
                found.add(new Broken(event.eventId(), "the event before it in its chain (" + chain
                        + ") is missing: it links to " + abbreviated(event.prevHash()) + ", but the previous one here is "
                        + head.eventId() + " (sequence " + head.sequence() + ", hash " + abbreviated(head.hash()) + ")"));
            }
        }
        heads.put(chain, new Head(event.eventId(), event.sequence(), event.hash()));
        broken.addAll(found);
        return found;
    }

    /** Everything found so far, in the order found. */
    public List<Broken> broken() {
        return List.copyOf(broken);
    }

    /** Events checked. */
    public long checked() {
        return checked;
    }

    /** Events that carried no hash (recorded before chaining began), not counted as broken. */
    public long unhashed() {
        return unhashed;
    }

    /** Records that repeated an event already seen, unchanged (re-sent by the relay): not broken. */
    public long duplicates() {
        return duplicates;
    }

    /** Chains seen. */
    public int chains() {
        return heads.size();
    }

    /** Each chain's last hash, by chain ({@code service/aggregate}). */
    public Map<String, String> heads() {
        Map<String, String> result = new HashMap<>();
        heads.forEach((chain, head) -> result.put(chain, head.hash()));
        return result;
    }

    private static String abbreviated(String hash) {
        return hash == null ? "nothing" : hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }
}
