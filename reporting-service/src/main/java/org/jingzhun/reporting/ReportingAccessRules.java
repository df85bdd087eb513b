package org.jingzhun.reporting;

import static org.jingzhun.platform.security.AccessRules.inScope;
import static org.jingzhun.platform.security.AccessRules.roles;

import org.jingzhun.platform.security.AccessRules;
import org.jingzhun.platform.security.OrganizationSubtree;
import org.jingzhun.platform.security.Role;
import org.jingzhun.platform.security.Scope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may call what on this service. The dashboard's page and its login are open (the data behind it
 * is not); totals, the stream, compliance and scorecards are for every reading role, a secretary's
 * answers counting its subtree only ({@link ReaderSubtree}); the audit trail (county-wide, with every
 * event's payload) and replays' progress for auditors, not for secretaries; a replay itself is checked by mode in its controller. Anything
 * not named here is for county administrators only.
 */
@Configuration(proxyBeanMethods = false)
class ReportingAccessRules {

    @Bean
    AccessRules reportingRules(Scope scope) {
        String[] readers = roles(Role.SECRETARY, Role.AUDITOR, Role.VIEWER);
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/", "/index.html", "/favicon.svg", "/js/**", "/css/**",
                        "/webjars/**").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/dashboard/token").permitAll()
                // Each of these filters a secretary's answer to its subtree (ReaderSubtree, ComplianceController).
                .requestMatchers(HttpMethod.GET, "/api/totals", "/api/totals/stream", "/api/compliance",
                        "/api/dashboard/**").hasAnyAuthority(readers)
                .requestMatchers(HttpMethod.GET, "/api/organizations/{orgId}/scorecard")
                .access(inScope(scope, "orgId", Role.SECRETARY, Role.AUDITOR, Role.VIEWER))
                .requestMatchers(HttpMethod.GET, "/api/organizations/{orgId}/ledger")
                .access(inScope(scope, "orgId", Role.SECRETARY, Role.AUDITOR))
                .requestMatchers(HttpMethod.GET, "/api/audit/**", "/api/admin/replay", "/api/admin/replay/*",
                        "/api/admin/dead-letters",
                        "/api/admin/dead-letters/**").hasAnyAuthority(roles(Role.AUDITOR))
                .requestMatchers(HttpMethod.POST, "/api/admin/replay").hasAnyAuthority(roles(Role.AUDITOR));
    }

    /** A secretary's subtree, from the organizations this service has projected. */
    @Bean
    OrganizationSubtree reportingOrganizationTree(JdbcClient jdbc) {
        return (rootId, organizationId) -> rootId != null && organizationId != null && jdbc.sql("""
                        WITH RECURSIVE up (id, parent_id) AS (
                            SELECT organization_id, parent_id FROM organization WHERE organization_id = :id
                            UNION
                            SELECT o.organization_id, o.parent_id FROM organization o JOIN up ON o.organization_id = up.parent_id)
                        SELECT count(*) FROM up WHERE id = :root""")
                .param("id", organizationId).param("root", rootId).query(Long.class).single() > 0;
    }
}
