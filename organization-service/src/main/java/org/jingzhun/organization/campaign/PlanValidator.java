package org.jingzhun.organization.campaign;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.plan.ChecklistRequirement;
import org.jingzhun.contracts.plan.ConsecutiveStudy;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.MemberOutreach;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchDuty;
import org.jingzhun.contracts.plan.SpecialRectificationDuty;
import org.jingzhun.contracts.plan.StudyRequirement;

/**
 * Refuses a plan that cannot be evaluated or cannot be met, naming the first bad field by its JSON
 * path (e.g. {@code requirements[1].study.perMonthDays}). Unknown enum values never get here: the
 * JSON reader refuses them, naming the field too.
 */
final class PlanValidator {

    private static final int LONGEST_MONTH = 31;

    private final LocalDate startsOn;
    private final LocalDate endsOn;

    PlanValidator(LocalDate startsOn, LocalDate endsOn) {
        this.startsOn = startsOn;
        this.endsOn = endsOn;
    }

    /** Throws {@link InvalidGuidancePlan} at the first fault; {@code prefix} is prepended to paths. */
    void validate(GuidancePlan plan, String prefix) {
        titles(plan.setReadings(), prefix + "setReadings");
        titles(plan.countySpecialRectifications(), prefix + "countySpecialRectifications");
        Map<List<Object>, Integer> entries = new HashMap<>();
        for (int i = 0; i < plan.requirements().size(); i++) {
            Requirements entry = plan.requirements().get(i);
            String path = prefix + "requirements[" + i + "]";
            present(entry, path);
            present(entry.tier(), path + ".tier");
            Integer earlier = entries.putIfAbsent(Arrays.asList(entry.tier(), entry.sector()), i);
            if (earlier != null) {
                throw new InvalidGuidancePlan("duplicate-entry", path, "requirements[" + earlier + "] is already the "
                        + (entry.sector() == null ? "tier-wide entry of " + entry.tier()
                        : "entry of " + entry.tier() + " and " + entry.sector()));
            }
            entry(entry, path);
        }
    }

    private void entry(Requirements entry, String path) {
        study(entry.study(), path + ".study");
        titles(entry.readings(), path + ".readings");
        noNulls(entry.focusAreas(), path + ".focusAreas");
        for (int k = 0; k < entry.research().size(); k++) {
            String at = path + ".research[" + k + "]";
            ResearchDuty duty = entry.research().get(k);
            present(duty, at);
            if (duty.kinds().isEmpty()) {
                throw new InvalidGuidancePlan("missing-value", at + ".kinds", "names no research kind");
            }
            noNulls(duty.kinds(), at + ".kinds");
            present(duty.by(), at + ".by");
            notNegative(duty.minimum(), at + ".minimum");
        }
        SpecialRectificationDuty rectification = entry.specialRectification();
        if (rectification != null) {
            String at = path + ".specialRectification";
            notNegative(rectification.minimum(), at + ".minimum");
            notNegative(rectification.maximum(), at + ".maximum");
            if (rectification.minimum() > rectification.maximum()) {
                throw new InvalidGuidancePlan("min-above-max", at + ".minimum", "minimum " + rectification.minimum()
                        + " is above maximum " + rectification.maximum());
            }
        }
        Set<ChecklistItem> items = EnumSet.noneOf(ChecklistItem.class);
        for (int k = 0; k < entry.checklist().size(); k++) {
            String at = path + ".checklist[" + k + "]";
            ChecklistRequirement requirement = entry.checklist().get(k);
            present(requirement, at);
            present(requirement.item(), at + ".item");
            present(requirement.frequency(), at + ".frequency");
            if (!items.add(requirement.item())) {
                throw new InvalidGuidancePlan("duplicate-item", at + ".item", requirement.item() + " is listed twice");
            }
        }
        noNulls(entry.members().studyNotesRequiredOf(), path + ".members.studyNotesRequiredOf");
        for (int k = 0; k < entry.members().outreach().size(); k++) {
            String at = path + ".members.outreach[" + k + "]";
            MemberOutreach outreach = entry.members().outreach().get(k);
            present(outreach, at);
            present(outreach.status(), at + ".status");
            noNulls(outreach.formats(), at + ".formats");
        }
    }

    private void study(StudyRequirement study, String path) {
        notNegative(study.totalDays(), path + ".totalDays");
        notNegative(study.perMonthDays(), path + ".perMonthDays");
        if (study.perMonthDays() != null && study.perMonthDays() > LONGEST_MONTH) {
            throw new InvalidGuidancePlan("too-many-days", path + ".perMonthDays",
                    study.perMonthDays() + " days is more than a month has");
        }
        for (int k = 0; k < study.consecutive().size(); k++) {
            String at = path + ".consecutive[" + k + "]";
            ConsecutiveStudy run = study.consecutive().get(k);
            present(run, at);
            present(run.month(), at + ".month");
            consecutive(run, at);
        }
        noNulls(study.formats(), path + ".formats");
    }

    private void consecutive(ConsecutiveStudy run, String at) {
        YearMonth month = run.month();
        LocalDate first = max(month.atDay(1), startsOn);
        LocalDate last = min(month.atEndOfMonth(), endsOn);
        if (first.isAfter(last)) {
            throw new InvalidGuidancePlan("month-outside-campaign", at + ".month", month + " is outside the campaign ("
                    + startsOn + " to " + endsOn + ")");
        }
        if (run.days() < 1) {
            throw new InvalidGuidancePlan("too-few-days", at + ".days", "must be at least 1");
        }
        if (run.days() > month.lengthOfMonth()) {
            throw new InvalidGuidancePlan("too-many-days", at + ".days", run.days() + " consecutive days in "
                    + month + ", which has only " + month.lengthOfMonth());
        }
        int within = last.getDayOfMonth() - first.getDayOfMonth() + 1;
        if (run.days() > within) {
            throw new InvalidGuidancePlan("too-many-days", at + ".days", run.days() + " consecutive days in "
                    + month + ", of which only " + within + " fall within the campaign");
        }
    }

    private static void titles(List<String> titles, String path) {
        for (int k = 0; k < titles.size(); k++) {
            String title = titles.get(k);
            if (title == null || title.isBlank()) {
                throw new InvalidGuidancePlan("blank-title", path + "[" + k + "]", "must not be blank");
            }
        }
    }

    private static void present(Object value, String path) {
        if (value == null) {
            throw new InvalidGuidancePlan("missing-value", path, "is required");
        }
    }

    /** A JSON {@code null} in a list of enum values is no value. */
    private static void noNulls(List<?> values, String path) {
        for (int k = 0; k < values.size(); k++) {
            present(values.get(k), path + "[" + k + "]");
        }
    }

    private static void notNegative(Integer days, String path) {
        if (days != null && days < 0) {
            throw new InvalidGuidancePlan("negative-number", path, "must not be negative, was " + days);
        }
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
