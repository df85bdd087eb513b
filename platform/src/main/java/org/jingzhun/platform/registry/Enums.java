package org.jingzhun.platform.registry;

/** Enum columns hold the constant's name, the same spelling as on the wire. */
final class Enums {

    private Enums() {
    }

    /**
     * The name, or {@code null} for a missing value: the column's {@code NOT NULL} then rejects the
     * event with a message naming the column, and the projector dead-letters it.
     */
    static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
