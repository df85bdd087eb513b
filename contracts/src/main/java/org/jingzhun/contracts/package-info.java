/**
 * The public contract of Jingzhun: enumerations, event records, topic names and the event type
 * registry. Plain Java; every service depends on it and on nothing of another service.
 */
package org.jingzhun.contracts;
