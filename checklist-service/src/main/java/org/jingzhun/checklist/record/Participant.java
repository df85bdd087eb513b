package org.jingzhun.checklist.record;

import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.Requirements;

/**
 * An organization as the registry knew it when a command was sent, with what the campaign's plan in
 * force asks of its tier and sector. Commands carry it so that the aggregate decides with the same
 * facts the caller was refused or accepted on, and never waits for the registry itself.
 *
 * @param organizationId the organization
 * @param tier           its tier
 * @param sector         its sector
 * @param requirements   {@code plan.requirementsFor(tier, sector)} of the campaign's plan in force
 */
record Participant(String organizationId, Tier tier, Sector sector, Requirements requirements) {

    /** How the organization is named in a refusal, e.g. {@code SECTION/TOWNSHIP}. */
    String describe() {
        return tier + "/" + sector;
    }
}
