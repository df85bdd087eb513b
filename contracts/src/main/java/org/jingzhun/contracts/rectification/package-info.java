/** Events of the rectification service, published on {@code jingzhun.rectification.events}. */
package org.jingzhun.contracts.rectification;
