package org.jingzhun.organization;

import static org.jingzhun.platform.security.AccessRules.roles;

import org.jingzhun.platform.security.AccessRules;
import org.jingzhun.platform.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what on this service. Anything not named here (accounts, launching campaigns, issuing
 * plans) is for county administrators only. A secretary's organizations are checked by the controllers
 * ({@link org.jingzhun.platform.security.Scope}).
 */
@Configuration(proxyBeanMethods = false)
class OrganizationAccessRules {

    @Bean
    AccessRules organizationRules() {
        return rules -> rules
                .requestMatchers("/api/accounts", "/api/accounts/**").hasAuthority(Role.COUNTY_ADMIN.authority())
                .requestMatchers(HttpMethod.GET, "/api/campaigns", "/api/campaigns/**", "/api/organizations",
                        "/api/organizations/**", "/api/members/**")
                .hasAnyAuthority(roles(Role.SECRETARY, Role.AUDITOR))
                .requestMatchers(HttpMethod.POST, "/api/organizations", "/api/organizations/*/members",
                        "/api/members/*/transfer", "/api/members/*/leave")
                .hasAnyAuthority(roles(Role.SECRETARY))
                .requestMatchers(HttpMethod.PATCH, "/api/organizations/*", "/api/members/*")
                .hasAnyAuthority(roles(Role.SECRETARY))
                .requestMatchers(HttpMethod.DELETE, "/api/organizations/*").hasAnyAuthority(roles(Role.SECRETARY))
                .requestMatchers(HttpMethod.POST, "/api/inbox").hasAnyAuthority(roles(Role.PUBLISHER));
    }
}
