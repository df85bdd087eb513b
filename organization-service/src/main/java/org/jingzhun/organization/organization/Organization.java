package org.jingzhun.organization.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationReclassified;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.organization.OrganizationRenamed;
import org.jingzhun.organization.organization.OrganizationCommands.AmendOrganization;
import org.jingzhun.organization.organization.OrganizationCommands.DissolveOrganization;
import org.jingzhun.organization.organization.OrganizationCommands.RegisterOrganization;
import org.jingzhun.platform.axon.SnapshotConfiguration;
import org.jingzhun.platform.web.RuleViolation;

/** One organization of the tree: its name, tier, sector, parent, and whether it is dissolved. */
// Public: the bean definitions Spring AOT generates for it (in Axon's packages, at build time) name this class.
@Aggregate(snapshotTriggerDefinition = SnapshotConfiguration.TRIGGER, cache = SnapshotConfiguration.CACHE)
@Revision("1")
public class Organization {

    @AggregateIdentifier
    private String organizationId;
    private String name;
    private Tier tier;
    private Sector sector;
    private String parentId;
    private boolean dissolved;

    Organization() {
        // for Axon
    }

    @CommandHandler
    Organization(RegisterOrganization command, OrganizationTree tree) {
        TierHierarchy.checkSector(command.tier(), command.sector());
        if (command.parentId() != null) {
            TierHierarchy.checkParent(command.tier(), tree.share(command.parentId())
                    .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.UNPROCESSABLE,
                            "organization.unknown-parent", "parentId", "No organization " + command.parentId())));
        }
        claim(tree, command.parentId(), command.name(), command.organizationId());
        apply(new OrganizationRegistered(command.organizationId(), command.name(), command.tier(), command.sector(),
                command.parentId()));
    }

    @CommandHandler
    void handle(AmendOrganization command, OrganizationTree tree) {
        requireActive();
        String newName = command.name() == null ? name : command.name();
        Tier newTier = command.tier() == null ? tier : command.tier();
        Sector newSector = command.sector() == null ? sector : command.sector();
        boolean renamed = !newName.equals(name);
        boolean reclassified = newTier != tier || newSector != sector;
        if (reclassified) {
            checkReclassification(tree, newTier, newSector);
        }
        if (renamed) {
            claim(tree, parentId, newName, organizationId);
            tree.releaseName(parentId, name);
            apply(new OrganizationRenamed(organizationId, newName, name));
        }
        if (reclassified) {
            apply(new OrganizationReclassified(organizationId, newTier, newSector, tier, sector));
        }
    }

    private void checkReclassification(OrganizationTree tree, Tier newTier, Sector newSector) {
        TierHierarchy.checkSector(newTier, newSector);
        if (parentId != null) {
            tree.share(parentId).ifPresent(parent -> TierHierarchy.checkParent(newTier, parent));
        }
        tree.lock(organizationId);
        if (tree.activeChildTiers(organizationId).stream().anyMatch(child -> child.level() <= newTier.level())) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "organization.children-tier", "tier",
                    "Its children would no longer be of a lower tier than " + newTier);
        }
        if (newTier != Tier.BRANCH && tree.members(organizationId) > 0) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "organization.holds-members", "tier",
                    "Only branches hold members; transfer its members first");
        }
    }

    @CommandHandler
    void handle(DissolveOrganization command, OrganizationTree tree) {
        requireActive();
        tree.lock(organizationId);
        int children = tree.activeChildTiers(organizationId).size();
        long members = tree.members(organizationId);
        if (children > 0 || members > 0) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "organization.not-empty",
                    "Cannot dissolve " + name + ": it still has " + children + " active child organization(s) and "
                            + members + " member(s)");
        }
        tree.releaseName(parentId, name);
        apply(new OrganizationDissolved(organizationId, name));
    }

    private void requireActive() {
        if (dissolved) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "organization.dissolved",
                    "Organization " + organizationId + " is dissolved");
        }
    }

    private static void claim(OrganizationTree tree, String parentId, String name, String organizationId) {
        if (!tree.claimName(parentId, name, organizationId)) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "organization.name-taken", "name",
                    "Another organization under the same parent is already named " + name);
        }
    }

    @EventSourcingHandler
    void on(OrganizationRegistered event) {
        organizationId = event.organizationId();
        name = event.name();
        tier = event.tier();
        sector = event.sector();
        parentId = event.parentId();
    }

    @EventSourcingHandler
    void on(OrganizationRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(OrganizationReclassified event) {
        tier = event.tier();
        sector = event.sector();
    }

    @EventSourcingHandler
    void on(OrganizationDissolved event) {
        dissolved = true;
    }
}
