/** Kafka plumbing: connection settings, topic provisioning and the CloudEvents binary-mode headers. */
package org.jingzhun.platform.kafka;
