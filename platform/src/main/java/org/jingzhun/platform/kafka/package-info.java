/**
 * Kafka plumbing: every client built from Spring Boot's {@code spring.kafka.*} ({@link
 * org.jingzhun.platform.kafka.KafkaClients}), topic provisioning and the CloudEvents binary-mode headers.
 */
package org.jingzhun.platform.kafka;
