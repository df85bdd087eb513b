/**
 * The organization registry replica: what a service knows of organizations (tier, sector, parent,
 * dissolved), campaigns, their guidance plans (every version) and members (categories and branch
 * history), kept from {@code jingzhun.organization.events} so that it never calls the organization
 * service. It is plumbing over the public contract, not knowledge of another service's internals.
 * Ask it through {@link org.jingzhun.platform.registry.OrganizationRegistry}.
 *
 * <h2>Enabling it</h2>
 * Set {@code jingzhun.registry.enabled=true} ({@code JINGZHUN_REGISTRY_ENABLED=true}); it is off by
 * default. That is all: {@link org.jingzhun.platform.registry.RegistryConfiguration} then
 * <ul>
 *   <li>adds {@code classpath:db/jingzhun-registry} to the service's Flyway locations (a
 *       {@code FlywayConfigurationCustomizer} appends it to whatever {@code spring.flyway.locations}
 *       says, so a service need not repeat the platform's defaults). Its migrations are numbered
 *       {@code V1_10} and up: after the platform's {@code V1_x}, before the services' {@code V2_x}. A
 *       database that already applied a {@code V2_x} before the replica was enabled holds a pending
 *       migration older than its current version, which Flyway refuses by default: start that service
 *       once with {@code spring.flyway.out-of-order=true} (or from an empty database);</li>
 *   <li>starts a {@link org.jingzhun.platform.projection.TransactionalProjector} named
 *       {@code <jingzhun.service-name>-registry} over the organization topic, with its own consumer
 *       group and offsets (exactly once, redeliveries ignored, poison records to the {@code .dlt});</li>
 *   <li>provides the {@code OrganizationRegistry} bean. {@code jingzhun.registry.await-timeout}
 *       (default 5 s) bounds how long {@code awaitKnown} and friends wait for something not known yet.</li>
 * </ul>
 *
 * <h2>Order and redelivery</h2>
 * Events of one aggregate arrive in order; across aggregates in any order. Nothing here fails on
 * that: a child may arrive before its parent, a member before its branch. Every write is idempotent
 * on its own, and a change older than the last one applied to a row (by the aggregate's sequence
 * number) is ignored.
 *
 * <h2>Rebuilding it</h2>
 * The replica holds nothing but what the topic holds (kept forever). To rebuild it, stop the service
 * and, in its database, run
 * <pre>{@code
 * DELETE FROM registry_organization; DELETE FROM registry_campaign; DELETE FROM registry_plan;
 * DELETE FROM registry_member; DELETE FROM registry_membership;
 * DELETE FROM projector_offset WHERE projector = '<service-name>-registry';
 * DELETE FROM projector_applied_event WHERE projector = '<service-name>-registry';
 * }</pre>
 * On start the projector finds no offsets and reads the topic from the beginning.
 */
package org.jingzhun.platform.registry;
