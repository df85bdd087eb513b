package org.jingzhun.reporting.compliance;

import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.springframework.lang.Nullable;

/** An organization of the registry as the {@code organization} table has it now. */
record Organization(String organizationId, String name, Tier tier, Sector sector, @Nullable String parentId,
                    boolean dissolved) {
}
