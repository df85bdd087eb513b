package org.jingzhun.reporting.readmodel;

/** The live projector, by the name every feature that reads its rows knows it by. */
public final class LiveProjector {

    /**
     * The live projector's name: its Kafka consumer group and the key of its stored offsets, applied event ids,
     * generation and dead letters. Renaming it would make the service re-read every topic from the start.
     */
    public static final String NAME = "reporting-live";

    private LiveProjector() {
    }
}
