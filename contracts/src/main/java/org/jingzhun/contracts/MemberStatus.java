package org.jingzhun.contracts;

/** A member's status (状态). */
public enum MemberStatus {
    REGULAR,
    /** 流动党员: reached by online study. */
    MOBILE,
    /** 年老体弱党员: reached by study delivered to the door. */
    ELDERLY_INFIRM
}
