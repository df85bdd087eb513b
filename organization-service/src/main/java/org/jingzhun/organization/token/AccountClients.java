package org.jingzhun.organization.token;

import java.time.Duration;
import java.util.function.Supplier;
import org.jingzhun.organization.account.Accounts;
import org.jingzhun.platform.security.Role;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Every enabled account is a registered client of the authorization server: client id = username,
 * client secret = the account's password hash, grant {@code client_credentials} only. The bootstrap
 * {@code admin} is one too, with its configured password. A disabled or unknown account is no client:
 * the token endpoint answers 401 {@code invalid_client}.
 */
class AccountClients implements RegisteredClientRepository {

    static final String ROLE_SETTING = "jingzhun.role";
    static final String ORG_SETTING = "jingzhun.org";

    private final Accounts accounts;
    private final String adminUsername;
    private final Supplier<String> adminPasswordHash;
    private final Duration tokenTtl;

    AccountClients(Accounts accounts, String adminUsername, Supplier<String> adminPasswordHash, Duration tokenTtl) {
        this.accounts = accounts;
        this.adminUsername = adminUsername;
        this.adminPasswordHash = adminPasswordHash;
        this.tokenTtl = tokenTtl;
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (clientId == null) {
            return null;
        }
        if (clientId.equals(adminUsername)) {
            String hash = adminPasswordHash.get();
            return hash == null ? null : client(adminUsername, hash, Role.COUNTY_ADMIN, null);
        }
        return accounts.enabled(clientId)
                .map(account -> client(account.username(), account.passwordHash(), account.role(), account.orgId()))
                .orElse(null);
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    /**
     * Called by the authorization server only to re-encode a secret whose hash is outdated; accounts
     * are created with the current encoder, so there is nothing to keep.
     */
    @Override
    public void save(RegisteredClient registeredClient) {
    }

    private RegisteredClient client(String username, String passwordHash, Role role, String orgId) {
        ClientSettings.Builder settings = ClientSettings.builder().setting(ROLE_SETTING, role.name());
        if (orgId != null) {
            settings.setting(ORG_SETTING, orgId);
        }
        return RegisteredClient.withId(username)
                .clientId(username)
                .clientSecret(passwordHash)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .clientSettings(settings.build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokenTtl).build())
                .build();
    }
}
