package org.jingzhun.contracts;

/** Where a problem was found. */
public enum ProblemSource {
    SELF_INSPECTION,
    SOLICITED_OPINION,
    INSPECTION_FEEDBACK,
    SUPERVISION,
    PUBLIC_REPORT
}
