package org.jingzhun.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private static final String TYPE = "jingzhun.checklist.StudySessionHeld.v1";
    private static final Instant T = Instant.parse("2026-12-03T08:00:00Z");

    /** A chain of {@code n} events of aggregate {@code aggregate}, hashed as the writing service does. */
    static List<ChainVerifier.Link> chain(String aggregate, int n) {
        List<ChainVerifier.Link> links = new ArrayList<>();
        String prev = EventHash.GENESIS;
        for (int i = 0; i < n; i++) {
            String id = aggregate + "-" + i;
            String payload = "{\"n\":" + i + ",\"recordId\":\"" + aggregate + "\"}";
            String hash = EventHash.of(prev, id, TYPE, aggregate, i, T.plusSeconds(i), payload);
            links.add(new ChainVerifier.Link(id, TYPE, aggregate, i, T.plusSeconds(i), payload, hash, prev));
            prev = hash;
        }
        return links;
    }

    private static ChainVerifier verify(List<ChainVerifier.Link> links) {
        ChainVerifier verifier = new ChainVerifier(false);
        links.forEach(verifier::accept);
        return verifier;
    }

    @Test
    void anIntactHistoryOfInterleavedChainsHasNothingBroken() {
        List<ChainVerifier.Link> a = chain("a", 5);
        List<ChainVerifier.Link> b = chain("b", 3);
        List<ChainVerifier.Link> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(a.get(i));
            if (i < 3) {
                all.add(b.get(i));
            }
        }
        ChainVerifier verifier = verify(all);
        assertThat(verifier.broken()).isEmpty();
        assertThat(verifier.checked()).isEqualTo(8);
        assertThat(verifier.chains()).isEqualTo(2);
    }

    @Test
    void aBatchTheRelaySentTwiceIsNotBroken() {
        List<ChainVerifier.Link> links = new ArrayList<>(chain("a", 3));
        links.addAll(chain("a", 3));
        links.addAll(chain("a", 5).subList(3, 5));

        ChainVerifier verifier = verify(links);
        assertThat(verifier.broken()).isEmpty();
        assertThat(verifier.duplicates()).isEqualTo(3);
    }

    @Test
    void aChangedPayloadByteIsNamed() {
        List<ChainVerifier.Link> links = new ArrayList<>(chain("a", 4));
        ChainVerifier.Link original = links.get(2);
        links.set(2, new ChainVerifier.Link(original.eventId(), TYPE, "a", 2, original.time(),
                original.payloadJson().replace("2", "3"), original.hash(), original.prevHash()));

        assertThat(verify(links).broken()).singleElement()
                .satisfies(b -> assertThat(b.eventId()).isEqualTo("a-2"))
                .satisfies(b -> assertThat(b.reason()).startsWith("changed"));
    }

    @Test
    void aChangedEventWithARecomputedHashBreaksTheNextLink() {
        List<ChainVerifier.Link> links = new ArrayList<>(chain("a", 4));
        ChainVerifier.Link original = links.get(1);
        String payload = "{\"n\":99}";
        links.set(1, new ChainVerifier.Link(original.eventId(), TYPE, "a", 1, original.time(), payload,
                EventHash.of(original.prevHash(), original.eventId(), TYPE, "a", 1, original.time(), payload),
                original.prevHash()));

        assertThat(verify(links).broken()).extracting(ChainVerifier.Broken::eventId).containsExactly("a-2");
    }

    @Test
    void aDeletedEventIsNamedByTheOneAfterIt() {
        List<ChainVerifier.Link> links = new ArrayList<>(chain("a", 4));
        links.remove(1);

        assertThat(verify(links).broken()).singleElement()
                .satisfies(b -> assertThat(b.eventId()).isEqualTo("a-2"))
                .satisfies(b -> assertThat(b.reason()).contains("missing"));
    }

    @Test
    void aDeletedFirstEventIsFound() {
        List<ChainVerifier.Link> links = new ArrayList<>(chain("a", 3));
        links.remove(0);

        assertThat(verify(links).broken()).extracting(ChainVerifier.Broken::eventId).containsExactly("a-1");
        // Not in a time range, where the chain may begin before the range.
        ChainVerifier range = new ChainVerifier(true);
        links.forEach(range::accept);
        assertThat(range.broken()).isEmpty();
    }

    @Test
    void twoReorderedEventsAreFound() {
        List<ChainVerifier.Link> links = new ArrayList<>(chain("a", 5));
        Collections.swap(links, 1, 2);

        List<ChainVerifier.Broken> broken = verify(links).broken();
        assertThat(broken).extracting(ChainVerifier.Broken::eventId).first().isEqualTo("a-2");
        assertThat(broken).extracting(ChainVerifier.Broken::reason).anyMatch(r -> r.startsWith("out of order"));
    }

    @Test
    void removedHashHeadersAfterTheChainBeganAreFound() {
        List<ChainVerifier.Link> links = new ArrayList<>(chain("a", 3));
        ChainVerifier.Link original = links.get(2);
        links.set(2, new ChainVerifier.Link(original.eventId(), TYPE, "a", 2, original.time(), original.payloadJson(),
                null, null));

        assertThat(verify(links).broken()).extracting(ChainVerifier.Broken::eventId).containsExactly("a-2");
    }

    @Test
    void eventsFromBeforeChainingAreCountedNotBroken() {
        List<ChainVerifier.Link> links = new ArrayList<>();
        links.add(new ChainVerifier.Link("old-0", TYPE, "a", 0, T, "{}", null, null));
        links.addAll(chain("a", 2).stream().map(l -> new ChainVerifier.Link(l.eventId(), TYPE, "a", l.sequence() + 1,
                l.time(), l.payloadJson(), EventHash.of(l.prevHash(), l.eventId(), TYPE, "a", l.sequence() + 1, l.time(),
                l.payloadJson()), l.prevHash())).toList());
        // Re-link: the second must point at the recomputed first.
        ChainVerifier.Link first = links.get(1);
        ChainVerifier.Link second = links.get(2);
        String secondHash = EventHash.of(first.hash(), second.eventId(), TYPE, "a", 2, second.time(), second.payloadJson());
        links.set(2, new ChainVerifier.Link(second.eventId(), TYPE, "a", 2, second.time(), second.payloadJson(),
                secondHash, first.hash()));

        ChainVerifier verifier = verify(links);
        assertThat(verifier.broken()).isEmpty();
        assertThat(verifier.unhashed()).isEqualTo(1);
    }

    @Test
    void theSameAggregateIdInTwoServicesIsTwoChains() {
        List<ChainVerifier.Link> links = new ArrayList<>(chain("c-1", 2));
        String other = "jingzhun.organization.CampaignLaunched.v1";
        String hash = EventHash.of(EventHash.GENESIS, "x", other, "c-1", 0, T, "{}");
        links.add(new ChainVerifier.Link("x", other, "c-1", 0, T, "{}", hash, EventHash.GENESIS));

        assertThat(verify(links).broken()).isEmpty();
    }
}
