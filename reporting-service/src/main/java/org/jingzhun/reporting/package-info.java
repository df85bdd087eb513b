/**
 * The reporting service: consumes the event topics of every other service into its own PostgreSQL
 * read models and answers county-wide queries. It publishes no events and takes no commands.
 */
package org.jingzhun.reporting;
