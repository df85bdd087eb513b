package org.jingzhun.contracts.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/** List helpers of the plan records: absent lists read as empty, every list is unmodifiable. */
final class Lists {

    private Lists() {
    }

    /**
     * An unmodifiable copy; {@code null} becomes an empty list. Null elements are kept (unlike
     * {@link List#copyOf}) so that a validator can name the element at fault instead of the JSON
     * reader failing on it.
     */
    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** The elements of {@code first}, then those of {@code second} not already present, in order. */
    static <T> List<T> union(List<T> first, List<T> second) {
        LinkedHashSet<T> union = new LinkedHashSet<>(first);
        union.addAll(second);
        return List.copyOf(union);
    }
}
