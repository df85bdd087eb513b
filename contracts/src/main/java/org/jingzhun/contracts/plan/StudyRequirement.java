package org.jingzhun.contracts.plan;

import java.util.List;
import org.jingzhun.contracts.StudyFormat;

/**
 * Required study days (学习教育) of one organization over a campaign. A {@code null} number states no
 * requirement.
 *
 * @param totalDays    minimum days of study over the whole campaign (e.g. 整个主题教育期间不少于 6 天)
 * @param perMonthDays minimum days of study in every calendar month that overlaps the campaign period
 *                     (e.g. 每个月不少于 2 天); months are judged up to today or the campaign's end
 * @param consecutive  runs of consecutive study days required in given months; all must be met
 * @param formats      the study formats whose days count toward the numbers above (e.g. only
 *                     {@link StudyFormat#CONCENTRATED}, 集中学习研讨); an empty list means every format
 *                     counts. Where no number is stated, the formats the plan asks the organization to use.
 */
public record StudyRequirement(Integer totalDays, Integer perMonthDays, List<ConsecutiveStudy> consecutive,
                               List<StudyFormat> formats) {

    /** No study requirement at all. */
    public static final StudyRequirement NONE = new StudyRequirement(null, null, List.of(), List.of());

    public StudyRequirement {
        consecutive = Lists.copy(consecutive);
        formats = Lists.copy(formats);
    }

    /**
     * This tier-wide requirement refined by a tier-and-sector one: a number the refinement states
     * replaces this one; consecutive runs and formats are the union of both.
     */
    public StudyRequirement plus(StudyRequirement refinement) {
        return new StudyRequirement(
                refinement.totalDays() != null ? refinement.totalDays() : totalDays,
                refinement.perMonthDays() != null ? refinement.perMonthDays() : perMonthDays,
                Lists.union(consecutive, refinement.consecutive()),
                Lists.union(formats, refinement.formats()));
    }
}
