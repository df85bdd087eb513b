/**
 * The relay: the event store is the outbox. A tracking event processor sends every stored public
 * event to the service's Kafka topic and lets its token advance only after the broker acknowledged
 * every send of the batch. A crash means re-sending (at-least-once), never losing.
 */
package org.jingzhun.platform.relay;
