package org.jingzhun.contracts.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;

/**
 * A campaign's "1+6" guidance plan: requirements per tier and per sector, as data.
 *
 * <p>Evaluate an organization against {@link #requirementsFor(Tier, Sector) requirementsFor(its tier,
 * its sector)}. A plan holds at most one entry per (tier, sector), where a {@code null} sector marks
 * the tier-wide entry; a tier without a tier-wide entry requires nothing but what its sector entries
 * state.
 *
 * @param setReadings                 the campaign's set texts (规定篇目), required of every tier and sector
 * @param countySpecialRectifications titles of the special rectifications the county runs itself,
 *                                    besides those of the central, provincial and municipal levels
 *                                    (e.g. 营商环境不优问题); informational, owed by no single organization
 * @param requirements                the entries, tier-wide ones and tier-and-sector ones
 */
public record GuidancePlan(List<String> setReadings, List<String> countySpecialRectifications,
                           List<Requirements> requirements) {

    public GuidancePlan {
        setReadings = Lists.copy(setReadings);
        countySpecialRectifications = Lists.copy(countySpecialRectifications);
        requirements = Lists.copy(requirements);
    }

    /** The entry stated for exactly this tier and sector ({@code null} sector: the tier-wide entry). */
    public Optional<Requirements> entry(Tier tier, Sector sector) {
        return requirements.stream()
                .filter(entry -> entry != null && entry.tier() == tier && Objects.equals(entry.sector(), sector))
                .findFirst();
    }

    /**
     * The effective requirements of an organization of this tier and sector: the campaign's set
     * texts, then the tier-wide entry refined by the tier-and-sector entry as {@link Requirements#plus}
     * describes. The result carries the given tier and sector.
     */
    public Requirements requirementsFor(Tier tier, Sector sector) {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(sector, "sector");
        Requirements tierWide = entry(tier, null).orElse(Requirements.none(tier, null));
        Requirements refinement = entry(tier, sector).orElse(Requirements.none(tier, sector));
        return tierWide.plus(refinement).withReadingsFirst(setReadings);
    }
}
