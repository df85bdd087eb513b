package org.jingzhun.contracts;

/** The sectors (精准类别); the county leadership bodies form their own group. */
public enum Sector {
    /** 县级领导班子 */
    COUNTY_LEADERSHIP,
    /** 镇(街道) */
    TOWNSHIP,
    /** 村(居、社区) */
    VILLAGE,
    /** 机关事业单位 */
    ORGAN,
    /** 非公有制企业和社会组织 */
    NON_PUBLIC,
    /** 国有企业 */
    STATE_OWNED,
    /** 教育系统 */
    EDUCATION,
    /** 卫健系统 */
    HEALTH
}
