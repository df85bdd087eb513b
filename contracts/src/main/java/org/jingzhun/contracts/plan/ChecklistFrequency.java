package org.jingzhun.contracts.plan;

/**
 * How often a branch checklist item is to be done. Both are met by one completion; they differ in
 * what a repeat means.
 */
public enum ChecklistFrequency {
    /** Done once (一个 / 一次, e.g. 制定一个主题教育计划); a repeat adds nothing. */
    ONCE,
    /** At least once (一次以上, e.g. 交流一次以上学习体会); every completion counts. */
    AT_LEAST_ONCE
}
