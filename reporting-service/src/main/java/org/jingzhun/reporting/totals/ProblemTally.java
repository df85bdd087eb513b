package org.jingzhun.reporting.totals;

import java.util.Map;
import java.util.TreeMap;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;

/**
 * The problems' part of the totals, added up from counted rows or from roll-ups ({@link TotalsQuery},
 * {@link RolledUpCounts}): found is rectified + in progress by the enum's rule, and only work in progress
 * counts as overdue — a problem rectified after its deadline is no longer overdue work.
 */
final class ProblemTally {

    private long rectified;
    private long inProgress;
    private long overdue;
    private final Map<Tier, Long> byTier = EnumCounts.zeros(Tier.class);
    private final Map<Sector, Long> bySector = EnumCounts.zeros(Sector.class);
    private final Map<ProblemSource, Long> bySource = EnumCounts.zeros(ProblemSource.class);
    private final Map<String, Long> bySpecialRectification = new TreeMap<>();

    void status(ProblemStatus status, boolean flaggedOverdue, long count) {
        if (status.countsAsRectified()) {
            rectified += count;
        } else {
            inProgress += count;
            if (flaggedOverdue) {
                overdue += count;
            }
        }
    }

    /** {@code tier} and {@code sector}: stored enum names. */
    void place(String tier, String sector, long count) {
        EnumCounts.add(byTier, Tier.class, tier, count);
        EnumCounts.add(bySector, Sector.class, sector, count);
    }

    /** {@code source}: a stored enum name. */
    void source(String source, long count) {
        EnumCounts.add(bySource, ProblemSource.class, source, count);
    }

    void specialRectification(String specialRectificationId, long count) {
        bySpecialRectification.merge(specialRectificationId, count, Long::sum);
    }

    Totals.Problems totals() {
        bySpecialRectification.values().removeIf(count -> count == 0);
        return new Totals.Problems(rectified + inProgress, rectified, inProgress, overdue, bySector, byTier, bySource,
                bySpecialRectification);
    }
}
