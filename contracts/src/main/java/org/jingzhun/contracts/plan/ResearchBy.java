package org.jingzhun.contracts.plan;

/** Who owes a {@link ResearchDuty}'s minimum. */
public enum ResearchBy {
    /** The organization as a whole. */
    ORGANIZATION,
    /**
     * Each leading cadre of the organization takes a research topic (领导干部领题调研). An evaluator that
     * does not know an organization's leaders counts the minimum once per organization.
     */
    EACH_LEADER,
    /** The organization's members together, e.g. a solicitation of golden ideas (征集"金点子"). */
    MEMBERS
}
