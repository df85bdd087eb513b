package org.jingzhun.rectification;

import static org.jingzhun.platform.security.AccessRules.inScope;
import static org.jingzhun.platform.security.AccessRules.roles;

import org.jingzhun.platform.security.AccessRules;
import org.jingzhun.platform.security.Role;
import org.jingzhun.platform.security.Scope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what on this service. The sign-off (销号, {@code /verify}) is the supervising level's,
 * a county administrator's, like anything not named here. Organizations named in the path are checked
 * here against a secretary's subtree; those named in a body or by a problem, by the controllers
 * ({@link Scope}).
 */
@Configuration(proxyBeanMethods = false)
class RectificationAccessRules {

    @Bean
    AccessRules rectificationRules(Scope scope) {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/organizations/{orgId}/ledger")
                .access(inScope(scope, "orgId", Role.SECRETARY, Role.AUDITOR))
                .requestMatchers(HttpMethod.GET, "/api/problems", "/api/problems/*", "/api/special-rectifications",
                        "/api/special-rectifications/*")
                .hasAnyAuthority(roles(Role.SECRETARY, Role.AUDITOR))
                .requestMatchers(HttpMethod.POST, "/api/problems/*/verify").hasAuthority(Role.COUNTY_ADMIN.authority())
                .requestMatchers(HttpMethod.POST, "/api/problems", "/api/problems/*/measures", "/api/problems/*/rectify",
                        "/api/problems/*/reopen", "/api/problems/*/deadline", "/api/special-rectifications")
                .hasAnyAuthority(roles(Role.SECRETARY))
                .requestMatchers(HttpMethod.POST, "/api/inbox").hasAnyAuthority(roles(Role.PUBLISHER));
    }
}
