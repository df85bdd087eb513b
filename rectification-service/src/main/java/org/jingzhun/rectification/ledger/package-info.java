/**
 * Rectification ledgers (整改台账): every problem of an organization, or of its whole subtree, as JSON,
 * CSV (Apache Commons CSV) or XLSX (platform's export package): for a county clerk in Chinese, with names,
 * labels and date cells, or with {@code lang=en} in the API's codes and ids for machines. Each export
 * states the event position it was generated from — every problem's sequence number and the latest
 * event time — and holds nothing judged against the clock, so the same events always give the same ledger.
 */
package org.jingzhun.rectification.ledger;
