package org.jingzhun.contracts.plan;

import java.util.List;
import org.jingzhun.contracts.ResearchKind;

/**
 * A research duty (调查研究): {@code by} files at least {@code minimum} research outputs of any of the
 * {@code kinds}. A {@code minimum} of 0 says the kinds may be filed but nothing is required, so it is
 * never "behind".
 *
 * @param kinds   the accepted kinds, e.g. {@code PROBLEM_BRIEF} or {@code RESEARCH_REPORT}; not empty
 * @param by      who owes the minimum
 * @param minimum how many, at least; 0 for "may file"
 */
public record ResearchDuty(List<ResearchKind> kinds, ResearchBy by, int minimum) {

    public ResearchDuty {
        kinds = Lists.copy(kinds);
    }

    /** Whether filing is required (minimum above 0), not just permitted. */
    public boolean required() {
        return minimum > 0;
    }
}
