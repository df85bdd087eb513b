package org.jingzhun.platform.export;

/**
 * User text on its way into a spreadsheet. Following OWASP's guidance on CSV injection, a field that
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return would be taken
 * for a formula by Excel, WPS or LibreOffice when the file is opened (think
 * {@code =HYPERLINK("http://…","点此")} in a problem description): in CSV such a field gets a leading
 * apostrophe, which spreadsheet programs read as "this is text". In XLSX the cell is written as a
 * string cell, never a formula, so it needs no apostrophe (see {@link SheetTable}).
 */
public final class CellText {

    /** The most characters an XLSX cell holds (Excel refuses a file with a longer one). */
    public static final int XLSX_MAX_LENGTH = 32_767;
    private static final String CUT = "…（已截断）";

    private CellText() {
    }

    /** Whether a spreadsheet program would read this text as a formula. */
    public static boolean looksLikeFormula(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** The text for a CSV field: unchanged, or with a leading apostrophe if it looks like a formula. */
    public static String forCsv(String text) {
        return looksLikeFormula(text) ? "'" + text : text;
    }

    /** The text for an XLSX string cell: unchanged, or cut to what a cell holds with a visible mark. */
    public static String forXlsx(String text) {
        if (text == null || text.length() <= XLSX_MAX_LENGTH) {
            return text;
        }
        int end = XLSX_MAX_LENGTH - CUT.length();
        // Never split a surrogate pair: half a character is not valid XML.
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + CUT;
    }
}
