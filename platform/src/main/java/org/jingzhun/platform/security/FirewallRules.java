package org.jingzhun.platform.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The characters Spring Security's {@link StrictHttpFirewall} allows in header names, header values and
 * parameter names by default, checked by a loop over the text instead of its regular expressions
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and tab allowed in values). The firewall checks a header
 * each time anything reads it — the security filters, the idempotency filter, Spring MVC's message
 * converters reading every header of a request — and the regular expressions took about a tenth of a
 * command's CPU (docs/benchmarks.md). Same answers for every text (FirewallRulesTest compares them with
 * the firewall's own); printable ASCII, nearly every header, is decided without a look-up.
 */
final class FirewallRules {

    private FirewallRules() {
    }

    /** The firewall that every service's security chain uses: Spring Security's defaults, faster checks. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(FirewallRules::name);
        firewall.setAllowedHeaderValues(FirewallRules::value);
        firewall.setAllowedParameterNames(FirewallRules::name);
        return firewall;
    }

    /** Every code point assigned, none a control character. */
    static boolean name(String text) {
        return allowed(text, false);
    }

    /** As {@link #name}, and tabs allowed. */
    static boolean value(String text) {
        return allowed(text, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0, length = text.length(); i < length; ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
