package org.jingzhun.reporting.compliance;

import java.math.BigDecimal;
import org.springframework.lang.Nullable;

/**
 * What a policy found missing for one organization: one unmet requirement in one period.
 *
 * @param period      the month ({@code 2019-10}) for monthly requirements, {@code null} otherwise
 * @param required    what the plan asks
 * @param done        what was done (study days may end in .5)
 * @param explanation in Chinese, to be read out by a county clerk
 */
record Shortfall(Requirement requirement, @Nullable String period, int required, BigDecimal done,
                 String explanation) {

    Shortfall {
        // One spelling per amount (4, not 4.0; 5.5), so that equal amounts are equal.
        done = done.stripTrailingZeros();
        done = done.scale() < 0 ? done.setScale(0) : done;
    }
}
