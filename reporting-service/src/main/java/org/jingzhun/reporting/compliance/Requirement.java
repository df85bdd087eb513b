package org.jingzhun.reporting.compliance;

/** What an organization can be behind on: the names of CONTRACT.md, in the order of a compliance answer. */
enum Requirement {
    /** A run of consecutive study days in a given month (e.g. tier 1: 5 days in September). */
    STUDY_CONSECUTIVE_DAYS,
    /** Study days over the whole campaign (e.g. tier 2: at least 6). */
    STUDY_TOTAL_DAYS,
    /** Study days in every month of the campaign (e.g. tier 2: at least 2). */
    STUDY_DAYS_PER_MONTH,
    /** Members of the listed occupations who recorded no study note. */
    STUDY_NOTES,
    /** A branch checklist ("ten ones") item not done. */
    CHECKLIST_ITEM,
    /** A required research duty not met. */
    RESEARCH,
    /** Fewer special rectifications than the minimum. */
    SPECIAL_RECTIFICATION
}
