package org.jingzhun.platform.web;

/**
 * What text the suite stores: no control characters U+0000 to U+001F other than tab, line feed and
 * carriage return (a CR LF line break is ordinary text from Windows clients; the others have no place in
 * a title or a reason, and U+0000 cannot be stored by PostgreSQL at all), no unpaired UTF-16 surrogates
 * (they cannot be written as UTF-8), and at most a given number of characters.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Why {@code text} is refused, or {@code null} when it is fine. */
    public static String violation(String text, int maxLength) {
        if (text.length() > maxLength) {
            return "must be at most " + maxLength + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return String.format("must not contain the control character U+%04X", (int) c);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("must not contain the unpaired surrogate U+%04X", (int) c);
            }
        }
        return null;
    }
}
