package org.jingzhun.rectification;

import java.util.List;

/** One page of a listing: the items, which page of what size, and how many there are in all. */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 500;
    /** The page size when none is asked for. */
    public static final int DEFAULT_SIZE = 100;
}
