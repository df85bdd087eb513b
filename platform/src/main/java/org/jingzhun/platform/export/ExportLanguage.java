package org.jingzhun.platform.export;

import java.util.Locale;
import org.jingzhun.platform.web.RuleViolation;

/**
 * The language of an exported document. {@link #ZH}, the default, is for people: Chinese headers and
 * labels, names instead of ids. {@link #EN} is for machines: English column keys, the codes and ids
 * exactly as the API spells them.
 */
public enum ExportLanguage {
    ZH,
    EN;

    /**
     * The {@code lang} request parameter: absent or blank is {@link #ZH}; {@code zh} (also {@code zh-CN},
     * {@code zh-Hans}) or {@code en} (also {@code en-US}), any case; anything else is a 400 naming {@code lang}.
     */
    public static ExportLanguage parse(String lang) {
        if (lang == null || lang.isBlank()) {
            return ZH;
        }
        String wanted = lang.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("zh") || wanted.startsWith("zh-") || wanted.startsWith("zh_")) {
            return ZH;
        }
        if (wanted.equals("en") || wanted.startsWith("en-") || wanted.startsWith("en_")) {
            return EN;
        }
        throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "lang", "expected zh or en");
    }

    /** Picks the text for this language. */
    public String pick(String zh, String en) {
        return this == ZH ? zh : en;
    }
}
