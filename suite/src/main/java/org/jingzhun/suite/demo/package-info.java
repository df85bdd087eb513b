/**
 * The demo county ({@code --demo}): the source document's 湄潭县 — 4 county bodies, 88 section teams,
 * 441 branches, 15,000 members, their study, honor-room visits, research, ten ones and 178 problems —
 * generated from a fixed seed ({@link org.jingzhun.suite.demo.CountyGenerator}) and loaded through the
 * services' public HTTP APIs ({@link org.jingzhun.suite.demo.DemoCounty}), idempotently.
 */
package org.jingzhun.suite.demo;
