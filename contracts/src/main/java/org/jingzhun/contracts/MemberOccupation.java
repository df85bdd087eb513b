package org.jingzhun.contracts;

/** A member's occupation (职业). */
public enum MemberOccupation {
    /** 公职人员党员: must show their study process (notes, reflections, annotations). */
    PUBLIC_SERVANT,
    /** 无职党员 */
    NO_POST,
    OTHER
}
