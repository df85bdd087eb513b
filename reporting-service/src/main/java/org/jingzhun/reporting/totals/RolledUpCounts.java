package org.jingzhun.reporting.totals;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.reporting.readmodel.AsOf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;

/**
 * The county's counters that grow with the events (members, study, research, honor-room visits, problems), now
 * or as of an instant, from {@link HourlyRollUps}' roll-ups: now, all the hourly ones; as of an instant, the
 * hourly ones before the instant's hour, those by second within that hour before the instant's second, and the
 * rows recorded within that second up to the instant. A read bounded by the number of hours, seconds of one hour
 * and groups, whatever the number of events. The same numbers as {@link TotalsQuery}'s and
 * {@link ChecklistCounts}' queries over the rows of {@link AsOf} ({@code TotalsQuery.countedFromRows};
 * AsOfTotalsTest, AsOfCountyScaleTest); a reader's subtree is counted by those queries, from the rows.
 */
final class RolledUpCounts {

    /**
     * Rows of {@code totals_hourly} before the instant's hour, of {@code totals_by_second} within that hour before
     * the instant's second, and of the tables they roll up within that second up to the instant, as (measure,
     * group, amount). Within the instant's second a campaign's rows are read only where the roll-ups say it has
     * some in that second, so that the read for every campaign keeps to the (campaign_id, recorded_at) indexes too.
     */
    private static final String COUNTS = """
            SELECT measure, grp, sum(amount) FROM (
                SELECT measure, grp, amount FROM totals_hourly
                WHERE hour < :hour AND (measure = 'members' OR %1$s)
                UNION ALL
                SELECT measure, grp, amount FROM totals_by_second
                WHERE second >= :hour AND second < :second AND (measure = 'members' OR %1$s)
                UNION ALL
                SELECT 'study_notes', '', count(*) FROM study_note
                WHERE campaign_id IN (%2$s) AND recorded_at >= :second AND recorded_at <= :at
                UNION ALL
                SELECT 'study_sessions', '', count(*) FROM study_session
                WHERE campaign_id IN (%3$s) AND recorded_at >= :second AND recorded_at <= :at
                UNION ALL
                SELECT 'study_days', '', sum(days) FROM study_session
                WHERE campaign_id IN (%3$s) AND recorded_at >= :second AND recorded_at <= :at
                UNION ALL
                SELECT 'research', kind, count(*) FROM research
                WHERE campaign_id IN (%4$s) AND recorded_at >= :second AND recorded_at <= :at GROUP BY kind
                UNION ALL
                SELECT 'members', field || ' ' || occupation || ' ' || status, count(*) FROM member_history
                WHERE active AND valid_from >= :second AND valid_from <= :at GROUP BY 2
                UNION ALL
                SELECT 'members', field || ' ' || occupation || ' ' || status, -count(*) FROM member_history
                WHERE active AND valid_to >= :second AND valid_to <= :at GROUP BY 2
                UNION ALL
                SELECT 'honor_room', organization_id, sum(visitors) FROM honor_room_visit
                WHERE campaign_id IN (%5$s) AND recorded_at >= :second AND recorded_at <= :at GROUP BY organization_id
                UNION ALL
                SELECT 'problems', %7$s, count(*) FROM problem_history
                WHERE campaign_id IN (%6$s) AND valid_from >= :second AND valid_from <= :at GROUP BY 2
                UNION ALL
                SELECT 'problems', %7$s, -count(*) FROM problem_history
                WHERE campaign_id IN (%6$s) AND valid_to >= :second AND valid_to <= :at GROUP BY 2) counted
            WHERE amount IS NOT NULL
            GROUP BY measure, grp""";
    /** Live: every roll-up, the current hour's included. */
    private static final String LIVE_COUNTS = """
            SELECT measure, grp, sum(amount) FROM totals_hourly
            WHERE measure = 'members' OR %s
            GROUP BY measure, grp""";
    private static final String CAMPAIGN = "(CAST(:campaignId AS VARCHAR) IS NULL OR campaign_id = :campaignId)";
    private static final String WITHIN_SECOND = "SELECT campaign_id FROM totals_by_second WHERE second = :second"
            + " AND measure = '%s' AND " + CAMPAIGN;

    private RolledUpCounts() {
    }

    /**
     * Members, study, research, honor-room visits and problems of one campaign (members: the registry's), or of
     * all, now or as of an instant.
     */
    static Counts read(JdbcClient jdbc, @Nullable String campaignId, AsOf asOf) {
        Counts counts = new Counts();
        if (asOf.isLive()) {
            jdbc.sql(LIVE_COUNTS.formatted(CAMPAIGN))
                    .param("campaignId", campaignId)
                    .query(rs -> {
                        counts.add(rs.getString(1), rs.getString(2), rs.getBigDecimal(3));
                    });
            return counts;
        }
        String at = asOf.literal();
        String sql = COUNTS.formatted(CAMPAIGN, WITHIN_SECOND.formatted(HourlyRollUps.STUDY_NOTES),
                WITHIN_SECOND.formatted(HourlyRollUps.STUDY_SESSIONS), WITHIN_SECOND.formatted(HourlyRollUps.RESEARCH),
                WITHIN_SECOND.formatted(HourlyRollUps.HONOR_ROOM), WITHIN_SECOND.formatted(HourlyRollUps.PROBLEMS),
                HourlyRollUps.PROBLEM_GROUP);
        // The instant, its hour and its second as literals, as AsOf writes them (parsed instants, never request text).
        jdbc.sql(sql.replace(":hour", HourlyRollUps.hourOf(at)).replace(":second", HourlyRollUps.secondOf(at))
                        .replace(":at", at))
                .param("campaignId", campaignId)
                .query(rs -> {
                    counts.add(rs.getString(1), rs.getString(2), rs.getBigDecimal(3));
                });
        return counts;
    }

    /** An organization's tier and sector (stored enum names). */
    record Place(String tier, String sector) {
    }

    /** What {@link #read} found, summed by measure and group. */
    static final class Counts {
        private final Map<MemberField, Long> byField = EnumCounts.zeros(MemberField.class);
        private final Map<MemberOccupation, Long> byOccupation = EnumCounts.zeros(MemberOccupation.class);
        private final Map<MemberStatus, Long> byStatus = EnumCounts.zeros(MemberStatus.class);
        private final Map<ResearchKind, Long> research = EnumCounts.zeros(ResearchKind.class);
        private long sessions;
        private BigDecimal days = BigDecimal.ZERO;
        private long notes;
        private long organizationsVisited;
        private long visitors;
        /** Problems valid at the instant by {@link HourlyRollUps#PROBLEM_GROUP}; groups of none included. */
        private final Map<String, Long> problems = new HashMap<>();

        private void add(String measure, String group, BigDecimal amount) {
            switch (measure) {
                case HourlyRollUps.MEMBERS -> {
                    String[] member = group.split(" ");
                    EnumCounts.add(byField, MemberField.class, member[0], amount.longValueExact());
                    EnumCounts.add(byOccupation, MemberOccupation.class, member[1], amount.longValueExact());
                    EnumCounts.add(byStatus, MemberStatus.class, member[2], amount.longValueExact());
                }
                case HourlyRollUps.STUDY_NOTES -> notes += amount.longValueExact();
                case HourlyRollUps.STUDY_SESSIONS -> sessions += amount.longValueExact();
                case HourlyRollUps.STUDY_DAYS -> days = days.add(amount);
                case HourlyRollUps.RESEARCH -> EnumCounts.add(research, ResearchKind.class, group, amount.longValueExact());
                case HourlyRollUps.HONOR_ROOM -> {
                    // One row per organization: visited by then, with its visitors.
                    organizationsVisited++;
                    visitors += amount.longValueExact();
                }
                case HourlyRollUps.PROBLEMS -> problems.put(group, amount.longValueExact());
                default -> throw new IllegalStateException("unknown roll-up " + measure);
            }
        }

        Totals.Members members() {
            long total = byField.values().stream().mapToLong(Long::longValue).sum();
            return new Totals.Members(total, byField, byOccupation, byStatus);
        }

        Totals.Study study() {
            return new Totals.Study(sessions, days.doubleValue(), notes);
        }

        Map<ResearchKind, Long> research() {
            return research;
        }

        Totals.HonorRoom honorRoom() {
            return new Totals.HonorRoom(organizationsVisited, visitors);
        }

        /**
         * The problems, by {@code places}: each organization's tier and sector as of the instant (a problem of an
         * organization without counts in the totals but not by tier and sector, as a join would leave it).
         */
        Totals.Problems problems(Map<String, Place> places) {
            ProblemTally tally = new ProblemTally();
            problems.forEach((group, count) -> {
                if (count == 0) {
                    return;
                }
                String[] part = group.split(HourlyRollUps.PART, -1);
                tally.status(ProblemStatus.valueOf(part[0]), "t".equals(part[1]), count);
                tally.source(part[2], count);
                if (!part[3].isEmpty()) {
                    tally.specialRectification(part[3], count);
                }
                Place place = places.get(part[4]);
                if (place != null) {
                    tally.place(place.tier(), place.sector(), count);
                }
            });
            return tally.totals();
        }
    }
}
