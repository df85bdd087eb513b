package org.jingzhun.reporting.compliance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchBy;
import org.jingzhun.contracts.plan.ResearchDuty;

/**
 * {@code RESEARCH}: each required research duty (minimum above 0) is met by at least {@code minimum}
 * pieces of research of its kinds filed by the organization in the campaign. Each duty is judged on its
 * own (a piece may count for two duties that accept its kind). The registry does not know who leads an
 * organization, so a duty owed by each leader counts its minimum once per organization, as
 * {@link ResearchBy#EACH_LEADER} allows. Judged once the campaign is over.
 */
final class ResearchPolicy implements CompliancePolicy {

    @Override
    public Requirement requirement() {
        return Requirement.RESEARCH;
    }

    @Override
    public List<Shortfall> shortfalls(Requirements requirements, OrganizationRecord record, CampaignCalendar calendar) {
        if (!calendar.campaignIsOver()) {
            return List.of();
        }
        List<Shortfall> shortfalls = new ArrayList<>();
        for (ResearchDuty duty : requirements.research()) {
            if (duty == null || !duty.required()) {
                continue;
            }
            List<ResearchKind> kinds = duty.kinds().stream().filter(Objects::nonNull).toList();
            int done = kinds.stream().mapToInt(kind -> record.research().getOrDefault(kind, 0)).sum();
            if (done < duty.minimum()) {
                String unit = Labels.researchUnit(kinds);
                shortfalls.add(new Shortfall(requirement(), null, duty.minimum(), BigDecimal.valueOf(done),
                        who(duty.by()) + Labels.researchKinds(kinds) + " " + done + " " + unit + "，要求不少于 "
                                + duty.minimum() + " " + unit));
            }
        }
        return shortfalls;
    }

    private static String who(ResearchBy by) {
        if (by == null) {
            return "";
        }
        return switch (by) {
            case ORGANIZATION -> "";
            case EACH_LEADER -> "领导干部领题调研形成";
            case MEMBERS -> "党员提出";
        };
    }
}
