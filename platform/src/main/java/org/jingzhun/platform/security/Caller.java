package org.jingzhun.platform.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who sends the current request: the account's username, its role and, for a secretary (or a
 * publisher bound to one), the organization at the root of what it may touch.
 *
 * @param username       the account's username; {@code jingzhun_actor} on every event it causes
 * @param role           its role
 * @param organizationId the root of its subtree, {@code null} when it is not bound to one
 */
public record Caller(String username, Role role, String organizationId) {

    /** The caller of the current thread, if one is authenticated with a known role. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication instanceof CallerToken token) {
            return Optional.of(token.caller());
        }
        // HTTP Basic (the bootstrap admin) and test sign-ins: the role is the authority.
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    return Optional.of(new Caller(authentication.getName(), role, null));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether this caller is limited to a subtree of the county. */
    public boolean limitedToSubtree() {
        return role == Role.SECRETARY || (role == Role.PUBLISHER && organizationId != null);
    }
}
