package org.jingzhun.reporting.totals;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;

/**
 * The totals shape of CONTRACT.md, field for field and in its order. Every counter is present, and
 * every enumeration key, with 0 when nothing happened: dashboards read keys without checking for them.
 *
 * @param campaignId      the campaign asked for; {@code null} (written out) for all campaigns
 * @param asOf            the time of the latest event included, or now when there is none, in the county's zone
 * @param eventsProjected events applied to the read models
 */
record Totals(@JsonInclude(JsonInclude.Include.ALWAYS) String campaignId,
              OffsetDateTime asOf,
              long eventsProjected,
              Organizations organizations,
              Members members,
              Study study,
              HonorRoom honorRoom,
              Map<ResearchKind, Long> research,
              Checklist checklist,
              Problems problems) {

    /** The registry, whatever the campaign; dissolved organizations are not counted. */
    record Organizations(long total, Map<Tier, Long> byTier, Map<Sector, Long> bySector) {
    }

    /** The members of branches now, whatever the campaign; members who left are not counted. */
    record Members(long total, Map<MemberField, Long> byField, Map<MemberOccupation, Long> byOccupation,
                   Map<MemberStatus, Long> byStatus) {
    }

    record Study(long sessions, double days, long notes) {

        /** No study event is published yet. */
        static Study none() {
            return new Study(0, 0.0, 0);
        }
    }

    /** {@code units}: distinct organizations that visited; {@code personVisits}: visitors summed over visits. */
    record HonorRoom(long units, long personVisits) {
    }

    record Checklist(long itemsCompleted, long completions, long branchesComplete) {

        /** No checklist event is published yet. */
        static Checklist none() {
            return new Checklist(0, 0, 0);
        }
    }

    /**
     * {@code found} is always {@code rectified + inProgress}; the breakdowns count found problems, by
     * their organization's current tier and sector (a problem whose organization is not projected yet
     * is in {@code found} but in neither breakdown). {@code overdue} counts problems flagged overdue and
     * not rectified.
     */
    record Problems(long found, long rectified, long inProgress, long overdue,
                    Map<Sector, Long> bySector, Map<Tier, Long> byTier, Map<ProblemSource, Long> bySource,
                    Map<String, Long> bySpecialRectification) {
    }
}
