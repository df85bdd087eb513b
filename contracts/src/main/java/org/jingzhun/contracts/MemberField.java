package org.jingzhun.contracts;

/** A member's field (行业领域). */
public enum MemberField {
    /** 机关事业党员 */
    ORGAN_INSTITUTION,
    /** 农村党员 */
    RURAL,
    /** 企业党员 */
    ENTERPRISE,
    OTHER
}
