package org.jingzhun.contracts;

/** A problem's rectification status. RECTIFIED and VERIFIED count as rectified in totals. */
public enum ProblemStatus {
    LOGGED,
    RECTIFYING,
    RECTIFIED,
    /** 销号: signed off by the supervising level. */
    VERIFIED,
    REOPENED;

    /** Whether totals count a problem in this status as rectified (otherwise as in progress). */
    public boolean countsAsRectified() {
        return this == RECTIFIED || this == VERIFIED;
    }
}
