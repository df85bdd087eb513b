package org.jingzhun.contracts;

/** The branch "ten ones" (十个一), in the source document's order. */
public enum ChecklistItem {
    /** 制定一个主题教育计划 */
    PLAN,
    /** 进行一次集中部署 */
    DEPLOYMENT,
    /** 开展一系列学习教育 */
    STUDY_SERIES,
    /** 开展一次支部书记轮训 */
    SECRETARY_TRAINING,
    /** 讲好一堂专题党课 */
    PARTY_LECTURE,
    /** 交流一次以上学习体会 (at least once) */
    EXPERIENCE_EXCHANGE,
    /** 制定一个整改台帐 */
    RECTIFICATION_LEDGER,
    /** 开展一次以上志愿服务 (at least once) */
    VOLUNTEER_SERVICE,
    /** 召开一次专题组织生活会 */
    ORGANIZATIONAL_LIFE_MEETING,
    /** 搞好一次总结 */
    SUMMARY
}
