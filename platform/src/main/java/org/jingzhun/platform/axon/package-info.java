/**
 * Axon Framework on PostgreSQL: the JDBC event store and token store with snake_case tables owned
 * by Flyway, the Jackson serializer, and the actor recorded on every command and event.
 */
package org.jingzhun.platform.axon;
