package org.jingzhun.organization.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.organization.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads of the organization tree. */
@Component
class OrganizationQueries {

    private static final String COLUMNS = """
            o.id, o.name, o.tier, o.sector, o.parent_id, o.dissolved,
            (SELECT count(*) FROM member_view m WHERE m.organization_id = o.id AND m.active) AS members""";
    private static final RowMapper<OrganizationView> ROW = (rs, row) -> new OrganizationView(rs.getString("id"),
            rs.getString("name"), Tier.valueOf(rs.getString("tier")), Sector.valueOf(rs.getString("sector")),
            rs.getString("parent_id"), rs.getBoolean("dissolved"), rs.getLong("members"));

    private final JdbcClient jdbc;

    OrganizationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OrganizationView> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM organization_view o WHERE o.id = ?").param(id).query(ROW).optional();
    }

    Page<OrganizationView> list(Tier tier, Sector sector, String parentId, boolean includeDissolved, int page,
                                int size) {
        return list(tier, sector, parentId, includeDissolved, null, page, size);
    }

    /** Like the other, limited to the subtree of {@code withinId} when it is not null (a secretary's list). */
    Page<OrganizationView> list(Tier tier, Sector sector, String parentId, boolean includeDissolved, String withinId,
                                int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> params = new ArrayList<>();
        if (withinId != null) {
            where.append(" AND o.id IN (WITH RECURSIVE tree (id) AS (SELECT id FROM organization_view WHERE id = ?"
                    + " UNION SELECT c.id FROM organization_view c JOIN tree ON c.parent_id = tree.id) SELECT id FROM tree)");
            params.add(withinId);
        }
        if (tier != null) {
            where.append(" AND o.tier = ?");
            params.add(tier.name());
        }
        if (sector != null) {
            where.append(" AND o.sector = ?");
            params.add(sector.name());
        }
        if (parentId != null) {
            where.append(" AND o.parent_id = ?");
            params.add(parentId);
        }
        if (!includeDissolved) {
            where.append(" AND NOT o.dissolved");
        }
        long total = jdbc.sql("SELECT count(*) FROM organization_view o" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<OrganizationView> items = jdbc.sql("SELECT " + COLUMNS + " FROM organization_view o" + where
                        + " ORDER BY o.tier, o.name, o.id LIMIT ? OFFSET ?")
                .params(pageParams).query(ROW).list();
        return new Page<>(items, page, size, total);
    }

    /**
     * One page of the organization and everything under it, parents before children; an empty page 0
     * when there is no such organization.
     */
    Page<OrganizationView> subtree(String id, int page, int size) {
        String tree = """
                WITH RECURSIVE tree(id, depth) AS (
                    SELECT id, 0 FROM organization_view WHERE id = ?
                    UNION ALL
                    SELECT c.id, t.depth + 1 FROM organization_view c JOIN tree t ON c.parent_id = t.id
                )
                """;
        long total = jdbc.sql(tree + "SELECT count(*) FROM tree").param(id).query(Long.class).single();
        List<OrganizationView> items = jdbc.sql(tree + "SELECT " + COLUMNS
                        + " FROM tree JOIN organization_view o ON o.id = tree.id ORDER BY tree.depth, o.name, o.id"
                        + " LIMIT ? OFFSET ?")
                .params(id, size, (long) page * size).query(ROW).list();
        return new Page<>(items, page, size, total);
    }
}
