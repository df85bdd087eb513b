/**
 * The rectification service: problems found (问题), their rectification (整改) and sign-off (销号).
 * Its events are published on {@code jingzhun.rectification.events}.
 */
package org.jingzhun.rectification;
