/**
 * Durable deadlines: Axon's {@code DbSchedulerDeadlineManager} on db-scheduler, in this service's own
 * PostgreSQL (table {@code scheduled_tasks}). A problem's deadline is a row there from the moment the
 * command that set it commits (same transaction), and fires once it is due — right after a restart if
 * it fell due while the service was down.
 *
 * <p>Axon's {@code AxonDbSchedulerAutoConfiguration} builds the deadline manager and the db-scheduler
 * tasks as soon as a {@code Scheduler} bean exists; this package provides that scheduler and starts
 * it after Axon has started (and stops it before Axon stops). The db-scheduler Spring Boot starter is
 * deliberately not used: the suite runs all services from one classpath, and it would start a
 * scheduler in each.
 */
package org.jingzhun.rectification.deadline;
