package org.jingzhun.reporting.compliance;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The compliance answer of CONTRACT.md.
 *
 * @param asOf   the instant of the judgement (the clock's now, in the county's zone); its date is the
 *               "today" that decides which periods are over
 * @param behind one entry per organization and unmet requirement, in {@link Behind#ORDER}
 */
record Compliance(String campaignId, OffsetDateTime asOf, List<Behind> behind) {
}
