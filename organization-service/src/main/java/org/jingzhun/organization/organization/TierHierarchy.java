package org.jingzhun.organization.organization;

import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.platform.web.RuleViolation;

/**
 * The shape of the tree: a parent is of a higher tier than its children (county body → section
 * team → branch), so the tree can have no cycle; the county leadership bodies, and only they, form
 * the sector COUNTY_LEADERSHIP and have no parent; only branches hold members.
 */
final class TierHierarchy {

    private TierHierarchy() {
    }

    static void checkSector(Tier tier, Sector sector) {
        if ((tier == Tier.COUNTY) != (sector == Sector.COUNTY_LEADERSHIP)) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "organization.sector-mismatch", "sector",
                    "The county leadership bodies, and only they, belong to sector COUNTY_LEADERSHIP");
        }
    }

    static void checkParent(Tier child, OrganizationTree.Node parent) {
        if (child == Tier.COUNTY) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "organization.county-has-parent", "parentId",
                    "A county leadership body has no parent");
        }
        if (parent.dissolved()) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "organization.parent-dissolved", "parentId",
                    "Parent " + parent.id() + " is dissolved");
        }
        if (parent.tier().level() >= child.level()) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "organization.parent-tier", "parentId",
                    "A " + child + " organization cannot be under a " + parent.tier() + " one: a parent is of a"
                            + " higher tier (COUNTY > SECTION > BRANCH)");
        }
    }
}
