package org.jingzhun.reporting.compliance;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.StudyFormat;

/** The Chinese words of the explanations, as the county's documents print them. */
final class Labels {

    private Labels() {
    }

    /** 2019年10月 */
    static String month(YearMonth month) {
        return month.getYear() + "年" + month.getMonthValue() + "月";
    }

    /** 3, 1.5: a number of days as a clerk reads it. */
    static String amount(BigDecimal amount) {
        return amount.stripTrailingZeros().toPlainString();
    }

    /** The study that counts: the one format named, or just 学习 when the plan names none or several. */
    static String study(List<StudyFormat> formats) {
        return formats.size() == 1 ? format(formats.get(0)) : "学习";
    }

    static String format(StudyFormat format) {
        return switch (format) {
            case CONCENTRATED -> "集中学习";
            case THREE_MEETINGS_ONE_LESSON -> "三会一课";
            case THEMED_PARTY_DAY -> "主题党日";
            case ONLINE -> "网络学习";
            case DELIVERED_TO_DOOR -> "送学上门";
            case CASE_TEACHING -> "案例教育";
            case SELF_STUDY -> "自学";
        };
    }

    /** 第 7 项“制定一个整改台帐”. */
    static String checklistItem(ChecklistItem item) {
        String text = switch (item) {
            case PLAN -> "制定一个主题教育计划";
            case DEPLOYMENT -> "进行一次集中部署";
            case STUDY_SERIES -> "开展一系列学习教育";
            case SECRETARY_TRAINING -> "开展一次支部书记轮训";
            case PARTY_LECTURE -> "讲好一堂专题党课";
            case EXPERIENCE_EXCHANGE -> "交流一次以上学习体会";
            case RECTIFICATION_LEDGER -> "制定一个整改台帐";
            case VOLUNTEER_SERVICE -> "开展一次以上志愿服务";
            case ORGANIZATIONAL_LIFE_MEETING -> "召开一次专题组织生活会";
            case SUMMARY -> "搞好一次总结";
        };
        return "第 " + (item.ordinal() + 1) + " 项“" + text + "”";
    }

    /** 问题和建议类调研信息或调研报告 */
    static String researchKinds(Collection<ResearchKind> kinds) {
        return kinds.stream().map(Labels::researchKind).collect(Collectors.joining("或"));
    }

    static String researchKind(ResearchKind kind) {
        return switch (kind) {
            case RESEARCH_REPORT -> "调研报告";
            case PROBLEM_BRIEF -> "问题和建议类调研信息";
            case GOLDEN_IDEA -> "金点子";
        };
    }

    /** 条 for golden ideas, 篇 for written research. */
    static String researchUnit(Collection<ResearchKind> kinds) {
        return kinds.stream().allMatch(kind -> kind == ResearchKind.GOLDEN_IDEA) ? "条" : "篇";
    }

    /** 公职人员、无职党员 */
    static String occupations(Collection<MemberOccupation> occupations) {
        return occupations.stream().map(occupation -> switch (occupation) {
            case PUBLIC_SERVANT -> "公职人员";
            case NO_POST -> "无职";
            case OTHER -> "其他";
        }).collect(Collectors.joining("、")) + "党员";
    }
}
