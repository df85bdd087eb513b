package org.jingzhun.contracts.plan;

/**
 * Each organization runs between {@code minimum} and {@code maximum} special rectifications of its
 * own (专项整治), both inclusive; e.g. 科级领导班子开展 1 至 2 项专项整治.
 *
 * @param minimum at least 0
 * @param maximum at least {@code minimum}
 */
public record SpecialRectificationDuty(int minimum, int maximum) {
}
