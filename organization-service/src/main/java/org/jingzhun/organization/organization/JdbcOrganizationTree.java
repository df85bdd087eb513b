package org.jingzhun.organization.organization;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jingzhun.contracts.Tier;
import org.jingzhun.platform.axon.TransactionScoped;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tree on the service's database, used inside the command's transaction. Name uniqueness is a
 * unique key, so two concurrent registrations of one name under one parent cannot both commit: the
 * second waits on the first's row and then finds the name taken.
 */
@Component
class JdbcOrganizationTree implements OrganizationTree {

    private static final String ROOT = "";
    /** The transaction's shared rows ({@link #share}): id → the {@link Node} read, or {@link #CHANGING}. */
    private static final String HELD = JdbcOrganizationTree.class.getName() + ".held";
    /** An organization this transaction locked to change it: read again at every {@link #share}. */
    private static final Object CHANGING = new Object();

    private final JdbcClient jdbc;

    JdbcOrganizationTree(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Node> lock(String organizationId) {
        Map<String, Object> held = TransactionScoped.entries(HELD);
        if (held != null) {
            held.put(organizationId, CHANGING);
        }
        return node(organizationId, "FOR UPDATE");
    }

    /**
     * Read once per transaction: a row this transaction shares cannot be changed by another until it ends, and
     * this one changes a row (dissolve, reclassify) only after {@link #lock}ing it, which stops the reuse — so
     * the Node kept is what reading it again would give. An inbox batch enrolling a hundred members into a few
     * branches reads each branch once instead of once per member.
     */
    @Override
    public Optional<Node> share(String organizationId) {
        Map<String, Object> held = TransactionScoped.entries(HELD);
        if (held != null && held.get(organizationId) instanceof Node node) {
            return Optional.of(node);
        }
        // FOR SHARE: taken by many at once, it conflicts with FOR UPDATE and with any UPDATE of the row
        // (dissolved, tier); READ COMMITTED reads the row again as committed once a wait ends.
        Optional<Node> node = node(organizationId, "FOR SHARE");
        if (held != null && node.isPresent()) {
            held.putIfAbsent(organizationId, node.get());
        }
        return node;
    }

    private Optional<Node> node(String organizationId, String lock) {
        return jdbc.sql("SELECT id, tier, dissolved FROM organization_view WHERE id = ? " + lock)
                .param(organizationId)
                .query((rs, row) -> new Node(rs.getString(1), Tier.valueOf(rs.getString(2)), rs.getBoolean(3)))
                .optional();
    }

    @Override
    public boolean claimName(String parentId, String name, String organizationId) {
        return jdbc.sql("""
                        INSERT INTO organization_name (parent_key, name_key, organization_id) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(parentKey(parentId), nameKey(name), organizationId).update() == 1;
    }

    @Override
    public void releaseName(String parentId, String name) {
        jdbc.sql("DELETE FROM organization_name WHERE parent_key = ? AND name_key = ?")
                .params(parentKey(parentId), nameKey(name)).update();
    }

    @Override
    public List<Tier> activeChildTiers(String organizationId) {
        return jdbc.sql("SELECT tier FROM organization_view WHERE parent_id = ? AND NOT dissolved")
                .param(organizationId).query((rs, row) -> Tier.valueOf(rs.getString(1))).list();
    }

    @Override
    public long members(String organizationId) {
        return jdbc.sql("SELECT count(*) FROM member_view WHERE organization_id = ? AND active")
                .param(organizationId).query(Long.class).single();
    }

    private static String parentKey(String parentId) {
        return parentId == null ? ROOT : parentId;
    }

    /** Names compare after trimming and Unicode compatibility folding (full-width ＡＢ = AB). */
    static String nameKey(String name) {
        return Normalizer.normalize(name.strip(), Normalizer.Form.NFKC);
    }
}
