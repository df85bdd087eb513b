package org.jingzhun.organization.organization;

import java.util.List;
import java.util.Optional;
import org.jingzhun.contracts.Tier;

/**
 * What the organization aggregate needs to know about the rest of the tree. Implemented on the
 * service's database inside the command's transaction, so the checks and the claims are set-based
 * and race-free: {@link #lock} holds the row until the command commits.
 */
public interface OrganizationTree {

    /** An organization as the tree knows it. */
    record Node(String id, Tier tier, boolean dissolved) {
    }

    /** Finds an organization and locks it until the command commits (children and dissolution serialize on it). */
    Optional<Node> lock(String organizationId);

    /** Claims a name among the siblings under {@code parentId} ({@code null}: the roots); false when taken. */
    boolean claimName(String parentId, String name, String organizationId);

    /** Gives a name back when an organization is renamed or dissolved. */
    void releaseName(String parentId, String name);

    /** Tiers of the organization's children that are not dissolved. */
    List<Tier> activeChildTiers(String organizationId);

    /** Members the organization holds now. */
    long members(String organizationId);
}
