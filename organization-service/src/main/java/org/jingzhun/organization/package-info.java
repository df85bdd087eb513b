/**
 * The organization service: campaigns, the "1+6" guidance plan as data, the organization tree and
 * members. Its events are published on {@code jingzhun.organization.events}.
 */
package org.jingzhun.organization;
