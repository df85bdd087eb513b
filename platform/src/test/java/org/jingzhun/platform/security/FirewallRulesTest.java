package org.jingzhun.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The platform's header checks answer as Spring Security's default firewall does, for any text. */
class FirewallRulesTest {

    private static final HttpFirewall DEFAULTS = new StrictHttpFirewall();
    private static final HttpFirewall OURS = FirewallRules.firewall();

    /** Code points of every kind the checks tell apart, and random ones. */
    private static final int[] KINDS = {'a', 'Z', '0', ' ', '~', '=', '\t', '\n', '\r', 0, 0x1F, 0x7F, 0x80, 0x9F, 0xA0,
            '党', '支', 'é', 0x0378 /* unassigned */, 0xE000 /* private use */, 0xFFFF /* unassigned */, 0x2028,
            0x1F600 /* a pair of surrogates */, 0xE0080 /* unassigned, supplementary */, 0xD800, 0xDC00 /* alone */,
            0x200B, 0xFEFF};

    @Test
    void headerNamesAndValuesAreRefusedExactlyWhenTheDefaultFirewallRefusesThem() {
        Random random = new Random(20261207);
        for (int i = 0; i < 20_000; i++) {
            String text = text(random);
            assertThat(refused(OURS, "X-Probe", text)).as("value %s", escaped(text))
                    .isEqualTo(refused(DEFAULTS, "X-Probe", text));
            assertThat(refused(OURS, text, "v")).as("name %s", escaped(text))
                    .isEqualTo(refused(DEFAULTS, text, "v"));
            assertThat(FirewallRules.name(text)).isEqualTo(!refused(DEFAULTS, text, "v"));
            assertThat(FirewallRules.value(text)).isEqualTo(!refused(DEFAULTS, "X-Probe", text));
        }
    }

    @Test
    void theCheckedCasesAreAllThere() {
        assertThat(FirewallRules.value("Bearer eyJhbGciOi.x-y_z")).isTrue();
        assertThat(FirewallRules.value("县委\t常委会")).isTrue();
        assertThat(FirewallRules.name("X\tY")).isFalse();
        assertThat(FirewallRules.value("a\nb")).isFalse();
        assertThat(FirewallRules.value("a\u0085")).isFalse();
        assertThat(FirewallRules.value("\u0378")).isFalse();
        assertThat(FirewallRules.value("\uD83D\uDE00")).isTrue();
        assertThat(FirewallRules.value("")).isTrue();
    }

    private static boolean refused(HttpFirewall firewall, String name, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/totals");
        request.addHeader(name, value);
        try {
            firewall.getFirewalledRequest(request).getHeader(name);
            return false;
        } catch (RequestRejectedException refused) {
            return true;
        }
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(4) == 0) {
                text.append((char) random.nextInt(0x10000));
            } else {
                text.appendCodePoint(KINDS[random.nextInt(KINDS.length)]);
            }
        }
        return text.toString();
    }

    private static String escaped(String text) {
        StringBuilder escaped = new StringBuilder();
        text.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
        return escaped.toString();
    }
}
