/**
 * How events get in: the live projector over every event topic, the JSON Schema check that turns a
 * record violating its contract into a dead letter, and the fan-out of each event to the read models
 * (every {@link org.jingzhun.platform.projection.Projection} bean), all in the projector's transaction.
 */
package org.jingzhun.reporting.intake;
