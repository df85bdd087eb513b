/**
 * Build time only: each service's Spring AOT processing, its generated classes named for the service (see
 * {@link org.jingzhun.platform.aot.ServiceAotProcessor}).
 */
package org.jingzhun.platform.aot;
