/**
 * Plumbing shared by the Jingzhun services, with no domain knowledge. A service gets all of it by
 * depending on this module: Spring Boot auto-configuration wires Axon on PostgreSQL, the Kafka relay,
 * problem details, security, idempotency and metrics.
 */
package org.jingzhun.platform;
