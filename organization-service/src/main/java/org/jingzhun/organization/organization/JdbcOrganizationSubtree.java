package org.jingzhun.organization.organization;

import org.jingzhun.platform.security.OrganizationSubtree;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The service's own tree, for a secretary's scope: walks up from the organization to the root. */
@Component
public class JdbcOrganizationSubtree implements OrganizationSubtree {

    private final JdbcClient jdbc;

    JdbcOrganizationSubtree(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean contains(String rootId, String organizationId) {
        if (rootId == null || organizationId == null) {
            return false;
        }
        // As deep as the organization, not as large as the root's subtree; UNION stops on a cycle.
        return jdbc.sql("""
                        WITH RECURSIVE up (id, parent_id) AS (
                            SELECT id, parent_id FROM organization_view WHERE id = :id
                            UNION
                            SELECT o.id, o.parent_id FROM organization_view o JOIN up ON o.id = up.parent_id)
                        SELECT count(*) FROM up WHERE id = :root""")
                .param("id", organizationId).param("root", rootId).query(Long.class).single() > 0;
    }

    /** Whether the organization is registered (dissolved ones included). */
    public boolean exists(String organizationId) {
        return jdbc.sql("SELECT count(*) FROM organization_view WHERE id = :id")
                .param("id", organizationId).query(Long.class).single() > 0;
    }
}
