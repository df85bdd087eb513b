package org.jingzhun.contracts;

/** How a study session was held. */
public enum StudyFormat {
    /** 集中学习研讨 */
    CONCENTRATED,
    /** 三会一课 */
    THREE_MEETINGS_ONE_LESSON,
    /** 主题党日 */
    THEMED_PARTY_DAY,
    /** 网络学习 */
    ONLINE,
    /** 送学上门 */
    DELIVERED_TO_DOOR,
    /** 案例教育 */
    CASE_TEACHING,
    /** 自学 */
    SELF_STUDY
}
