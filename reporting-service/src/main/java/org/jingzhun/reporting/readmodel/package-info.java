/**
 * The read model that reporting's features share, seen at an instant: {@link org.jingzhun.reporting.readmodel.AsOf}
 * names the rows an answer counts — the live tables now, or the rows as they stood at a past instant (facts
 * recorded by then, the version of each changing row valid then). Totals, compliance, scorecards and the
 * dashboard's panels each have one query, which counts either.
 */
package org.jingzhun.reporting.readmodel;
