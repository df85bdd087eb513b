package org.jingzhun.reporting.compliance;

import static java.util.Comparator.comparing;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsFirst;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Comparator;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.springframework.lang.Nullable;

/**
 * One entry of the compliance answer: an organization and one requirement it is behind on, in the shape
 * of CONTRACT.md. {@code period} is written out also when {@code null} (not monthly).
 */
record Behind(String organizationId, String name, Tier tier, Sector sector, Requirement requirement,
              @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String period, int required, Number done,
              String explanation) {

    /**
     * Tier, sector, organization name (by code point; its id between namesakes), requirement, period
     * (none first). A sort by this is stable, so entries equal here (checklist items, research duties)
     * keep the order their policy gave them: item order, plan order.
     */
    static final Comparator<Behind> ORDER = comparing(Behind::tier)
            .thenComparing(Behind::sector)
            .thenComparing(Behind::name)
            .thenComparing(Behind::organizationId)
            .thenComparing(Behind::requirement)
            .thenComparing(Behind::period, nullsFirst(naturalOrder()));

    static Behind of(Organization organization, Shortfall shortfall) {
        return new Behind(organization.organizationId(), organization.name(), organization.tier(),
                organization.sector(), shortfall.requirement(), shortfall.period(), shortfall.required(),
                number(shortfall.done()), shortfall.explanation());
    }

    /** A whole number as an integer ({@code 0}, not {@code 0.0}), half days as a decimal ({@code 1.5}). */
    static Number number(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() <= 0 ? (Number) stripped.longValueExact() : (Number) stripped.doubleValue();
    }
}
