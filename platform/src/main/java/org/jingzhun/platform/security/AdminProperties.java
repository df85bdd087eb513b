package org.jingzhun.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator's credentials; {@code JINGZHUN_ADMIN_PASSWORD} binds to {@code password}.
 *
 * @param username the user name, {@code admin} unless set
 * @param password the password; when absent a random one is generated and logged once
 */
@ConfigurationProperties("jingzhun.admin")
public record AdminProperties(String username, String password) {
    public AdminProperties {
        username = username == null || username.isBlank() ? "admin" : username;
    }
}
