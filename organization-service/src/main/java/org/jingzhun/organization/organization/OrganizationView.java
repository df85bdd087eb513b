package org.jingzhun.organization.organization;

import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;

/** An organization as clients read it. */
record OrganizationView(String id, String name, Tier tier, Sector sector, String parentId, boolean dissolved,
                        long members) {
}
