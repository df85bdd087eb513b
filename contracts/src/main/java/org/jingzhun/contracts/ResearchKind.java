package org.jingzhun.contracts;

/** Kinds of research output (调查研究). */
public enum ResearchKind {
    /** 调研报告 */
    RESEARCH_REPORT,
    /** 问题和建议类调研信息 */
    PROBLEM_BRIEF,
    /** 金点子 */
    GOLDEN_IDEA
}
