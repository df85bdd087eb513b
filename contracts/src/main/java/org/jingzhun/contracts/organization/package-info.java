/** Events of the organization service, published on {@code jingzhun.organization.events}. */
package org.jingzhun.contracts.organization;
