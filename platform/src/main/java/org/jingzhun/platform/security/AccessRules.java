package org.jingzhun.platform.security;

import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * A service's access rules by endpoint and role: the one place that says who may call what. The
 * platform puts them after its own (health open, metrics for {@link Role#METRICS}) and ends with
 * "anything else: county administrators only", so a new endpoint is closed until a rule opens it.
 * Which organizations a caller may name is checked where the data is, by {@link Scope}.
 */
@FunctionalInterface
public interface AccessRules {

    /** Adds the service's rules, most specific first. */
    void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

    /** The authorities of the given roles, for {@code hasAnyAuthority}; the county admin is always included. */
    static String[] roles(Role... roles) {
        String[] authorities = new String[roles.length + 1];
        authorities[0] = Role.COUNTY_ADMIN.authority();
        for (int i = 0; i < roles.length; i++) {
            authorities[i + 1] = roles[i].authority();
        }
        return authorities;
    }

    /**
     * Grants the given roles (and the county admin) when the organization named by the path variable
     * {@code variable} (e.g. {@code orgId} in {@code /api/organizations/{orgId}/**}) is within the
     * caller's {@link Scope}: one rule covers every endpoint under that path.
     */
    static AuthorizationManager<RequestAuthorizationContext> inScope(Scope scope, String variable, Role... roles) {
        AuthorityAuthorizationManager<RequestAuthorizationContext> byRole =
                AuthorityAuthorizationManager.hasAnyAuthority(roles(roles));
        return (authentication, context) -> {
            AuthorizationDecision role = byRole.check(authentication, context);
            if (role == null || !role.isGranted()) {
                return new AuthorizationDecision(false);
            }
            return new AuthorizationDecision(scope.allows(context.getVariables().get(variable)));
        };
    }
}
