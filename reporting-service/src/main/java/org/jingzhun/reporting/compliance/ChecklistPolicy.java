package org.jingzhun.reporting.compliance;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jingzhun.contracts.plan.ChecklistRequirement;
import org.jingzhun.contracts.plan.Requirements;

/**
 * {@code CHECKLIST_ITEM}: every item of the plan's checklist (the branch "ten ones") is done at least once
 * in the campaign; "once" and "at least once" are both met by one completion. One entry per missing item,
 * in item order, {@code required} 1, {@code done} 0, no period. Judged once the campaign is over.
 */
final class ChecklistPolicy implements CompliancePolicy {

    @Override
    public Requirement requirement() {
        return Requirement.CHECKLIST_ITEM;
    }

    @Override
    public List<Shortfall> shortfalls(Requirements requirements, OrganizationRecord record, CampaignCalendar calendar) {
        if (!calendar.campaignIsOver()) {
            return List.of();
        }
        return requirements.checklist().stream()
                .filter(Objects::nonNull)
                .filter(item -> item.item() != null)
                .sorted(Comparator.comparing(ChecklistRequirement::item))
                .filter(item -> !record.checklist().containsKey(item.item()))
                .map(item -> new Shortfall(requirement(), null, 1, BigDecimal.ZERO,
                        "“十个一”" + Labels.checklistItem(item.item()) + "尚未完成"))
                .toList();
    }
}
