package org.jingzhun.platform.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

/**
 * The relay's token store: Axon's, except that a claim is extended at most once per {@code interval}.
 * Axon's tracking processor extends its claim (a locking read and an update of {@code token_entry}, one
 * durable commit) every time it has waited the poll interval for events and found none: with the relay's
 * 100 ms, ten write transactions a second in every writing service while the county is quiet, each of
 * which also makes reporting count its kept totals again (docs/benchmarks.md). A claim is held for the
 * token store's claim timeout (Axon's default 10 s) from its last extension, so extending it every few
 * seconds keeps it just as held; Axon's own pooled processor extends its claims every 5 s by default.
 * Only extensions are made sparse: every other call, the token's storage with each batch among them,
 * goes through at once, and a claim found lost still fails the extension that is made.
 */
final class SparseClaimExtensions implements TokenStore {

    private final TokenStore store;
    private final Duration interval;
    private final Clock clock;
    /** When this store last extended each segment's claim ({@code processor/segment}). */
    private final Map<String, Instant> extended = new ConcurrentHashMap<>();

    SparseClaimExtensions(TokenStore store, Duration interval, Clock clock) {
        this.store = store;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        String key = processorName + "/" + segment;
        Instant now = clock.instant();
        Instant last = extended.get(key);
        if (last != null && now.isBefore(last.plus(interval))) {
            return;
        }
        store.extendClaim(processorName, segment);
        extended.put(key, now);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        extended.remove(processorName + "/" + segment);
        store.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        store.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
            throws UnableToClaimTokenException {
        store.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        store.storeToken(token, processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        return store.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        return store.fetchToken(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        store.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        extended.remove(processorName + "/" + segment);
        store.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return store.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return store.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return store.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return store.retrieveStorageIdentifier();
    }
}
