/**
 * What every spreadsheet export of the suite does the same way, with no domain knowledge: the language
 * of a document ({@link org.jingzhun.platform.export.ExportLanguage}, {@code ?lang=zh|en}), user text made
 * safe for spreadsheet programs ({@link org.jingzhun.platform.export.CellText}: no formula injection) and
 * a streamed XLSX table with a title row, a styled and frozen header, column widths and real date cells
 * ({@link org.jingzhun.platform.export.SheetTable}).
 */
package org.jingzhun.platform.export;
