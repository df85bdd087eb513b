package org.jingzhun.platform.security;

import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;

/**
 * Checks a named organization against the caller's subtree, where the data is: a controller calls
 * {@link #check} for every organization a command or query names, before it records or reads anything.
 * County administrators, auditors and viewers are not limited to a subtree (which of them may call an
 * endpoint at all is decided by the service's {@link AccessRules}).
 */
public class Scope {

    private final OrganizationSubtree tree;

    public Scope(OrganizationSubtree tree) {
        this.tree = tree;
    }

    /** Refuses (403 {@code forbidden}) unless the caller may touch {@code organizationId}. */
    public void check(String organizationId) {
        if (!allows(organizationId)) {
            throw new AccessDeniedException("Organization " + organizationId + " is outside your organization's subtree");
        }
    }

    /** Whether the caller may touch {@code organizationId}. */
    public boolean allows(String organizationId) {
        Optional<Caller> caller = Caller.current();
        if (caller.isEmpty()) {
            return false;
        }
        if (!caller.get().limitedToSubtree()) {
            return true;
        }
        return organizationId != null && tree.contains(caller.get().organizationId(), organizationId);
    }

    /**
     * The root of the subtree the caller is limited to, or empty when it sees the whole county.
     * Lists filter on it.
     */
    public Optional<String> root() {
        return Caller.current().filter(Caller::limitedToSubtree).map(Caller::organizationId);
    }

    /** Refuses (403) a caller limited to a subtree: for commands that name no organization. */
    public void requireCountyWide() {
        if (root().isPresent()) {
            throw new AccessDeniedException("Only county-wide accounts may do this");
        }
    }
}
