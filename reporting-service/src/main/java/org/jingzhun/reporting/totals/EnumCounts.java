package org.jingzhun.reporting.totals;

import java.util.EnumMap;
import java.util.Map;

/** Counters keyed by every constant of an enumeration, in declaration order, starting at 0. */
final class EnumCounts {

    private EnumCounts() {
    }

    static <E extends Enum<E>> Map<E, Long> zeros(Class<E> type) {
        EnumMap<E, Long> counts = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            counts.put(constant, 0L);
        }
        return counts;
    }

    /** Adds {@code count} to the key named {@code name} (a stored enum name). */
    static <E extends Enum<E>> void add(Map<E, Long> counts, Class<E> type, String name, long count) {
        counts.merge(Enum.valueOf(type, name), count, Long::sum);
    }
}
