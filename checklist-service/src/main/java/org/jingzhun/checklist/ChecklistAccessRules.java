package org.jingzhun.checklist;

import static org.jingzhun.platform.security.AccessRules.inScope;

import org.jingzhun.platform.security.AccessRules;
import org.jingzhun.platform.security.Role;
import org.jingzhun.platform.security.Scope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what on this service: every endpoint names its organization in the path, so one rule
 * checks it against a secretary's subtree (the registry replica's tree) before anything is read or
 * recorded. Anything not named here is for county administrators only.
 */
@Configuration(proxyBeanMethods = false)
class ChecklistAccessRules {

    @Bean
    AccessRules checklistRules(Scope scope) {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/organizations/{orgId}/record")
                .access(inScope(scope, "orgId", Role.SECRETARY, Role.AUDITOR))
                .requestMatchers(HttpMethod.POST, "/api/organizations/{orgId}/**")
                .access(inScope(scope, "orgId", Role.SECRETARY))
                .requestMatchers(HttpMethod.POST, "/api/inbox").hasAnyAuthority(AccessRules.roles(Role.PUBLISHER));
    }
}
