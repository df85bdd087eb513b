package org.jingzhun.platform.projection;

/**
 * The tables a projector writes were replaced (a replay swapped in rebuilt ones) since it sought to its
 * stored offsets: the transaction is rolled back and the projector rewinds to the new tables' offsets.
 */
public class StaleGenerationException extends RuntimeException {

    public StaleGenerationException(String projector, long expected, long found) {
        super("Projector " + projector + " read generation " + expected + " but the tables are at " + found);
    }
}
