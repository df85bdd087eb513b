package org.jingzhun.contracts;

/** The three tiers of the campaign (精准层级). */
public enum Tier {
    /** 县处级领导班子: the four county leadership bodies (tier 1). */
    COUNTY,
    /** 科级领导班子: section-level teams of departments, enterprises, towns (tier 2). */
    SECTION,
    /** 党支部: party branches, the only organizations that hold members (tier 3). */
    BRANCH;

    /** Tier number as the source document counts it: 1 for COUNTY … 3 for BRANCH. */
    public int level() {
        return ordinal() + 1;
    }
}
