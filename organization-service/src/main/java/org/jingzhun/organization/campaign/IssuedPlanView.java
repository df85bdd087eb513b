package org.jingzhun.organization.campaign;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jingzhun.contracts.plan.GuidancePlan;

/** One version of a campaign's guidance plan as clients read it; {@code plan} is what a PUT takes. */
record IssuedPlanView(String campaignId, int version, LocalDate startsOn, LocalDate endsOn, OffsetDateTime issuedAt,
                      String issuedBy, GuidancePlan plan) {
}
