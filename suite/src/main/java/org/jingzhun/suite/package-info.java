/**
 * The all-in-one launcher: starts embedded PostgreSQL and Kafka under one data directory, then the
 * four services, one JVM process each (no shared static state; one can be restarted alone),
 * supervises them, prefixes their logs, and stops them all, then the infrastructure, on SIGTERM.
 */
package org.jingzhun.suite;
