package org.jingzhun.organization.organization;

import java.util.List;
import java.util.Optional;
import org.jingzhun.contracts.Tier;

/**
 * What the organization aggregate needs to know about the rest of the tree. Implemented on the
 * service's database inside the command's transaction, so the checks and the claims are set-based
 * and race-free: {@link #lock} and {@link #share} hold the row until the command commits.
 */
public interface OrganizationTree {

    /** An organization as the tree knows it. */
    record Node(String id, Tier tier, boolean dissolved) {
    }

    /**
     * Finds an organization to change it (dissolve, reclassify) and locks it until the command commits: it
     * waits for every command holding it ({@link #lock} or {@link #share}), and they for it.
     */
    Optional<Node> lock(String organizationId);

    /**
     * Finds an organization to add something under it (a member, a child) and holds it against change until the
     * command commits: commands adding under the same organization share it and never wait for each other (a
     * county enrols thousands of members into a few hundred branches, many at once); one changing it
     * ({@link #lock}) waits for them, and they for it, so a branch is never dissolved with a member just enrolled,
     * nor a member enrolled into a branch just dissolved.
     */
    Optional<Node> share(String organizationId);

    /** Claims a name among the siblings under {@code parentId} ({@code null}: the roots); false when taken. */
    boolean claimName(String parentId, String name, String organizationId);

    /** Gives a name back when an organization is renamed or dissolved. */
    void releaseName(String parentId, String name);

    /** Tiers of the organization's children that are not dissolved. */
    List<Tier> activeChildTiers(String organizationId);

    /** Members the organization holds now. */
    long members(String organizationId);
}
