/**
 * The HTTP edge shared by all services: RFC 9457 problem details for every error, domain rule
 * failures with stable error codes, and durable {@code Idempotency-Key} handling.
 */
package org.jingzhun.platform.web;
