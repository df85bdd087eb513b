package org.jingzhun.organization.organization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jingzhun.contracts.Tier;

/** The tree for aggregate fixtures: what the command sees of the rest of the organizations. */
public class InMemoryOrganizationTree implements OrganizationTree {

    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, String> parents = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, Long> members = new HashMap<>();

    public InMemoryOrganizationTree with(String id, Tier tier, String parentId, boolean dissolved) {
        nodes.put(id, new Node(id, tier, dissolved));
        if (parentId != null) {
            parents.put(id, parentId);
        }
        return this;
    }

    public InMemoryOrganizationTree withName(String parentId, String name) {
        names.add(parentId + "/" + name);
        return this;
    }

    public InMemoryOrganizationTree withMembers(String id, long count) {
        members.put(id, count);
        return this;
    }

    public boolean hasName(String parentId, String name) {
        return names.contains(parentId + "/" + name);
    }

    @Override
    public Optional<Node> lock(String organizationId) {
        return Optional.ofNullable(nodes.get(organizationId));
    }

    @Override
    public Optional<Node> share(String organizationId) {
        return lock(organizationId);
    }

    @Override
    public boolean claimName(String parentId, String name, String organizationId) {
        return names.add(parentId + "/" + name);
    }

    @Override
    public void releaseName(String parentId, String name) {
        names.remove(parentId + "/" + name);
    }

    @Override
    public List<Tier> activeChildTiers(String organizationId) {
        List<Tier> tiers = new ArrayList<>();
        parents.forEach((child, parent) -> {
            if (parent.equals(organizationId) && !nodes.get(child).dissolved()) {
                tiers.add(nodes.get(child).tier());
            }
        });
        return tiers;
    }

    @Override
    public long members(String organizationId) {
        return members.getOrDefault(organizationId, 0L);
    }
}
