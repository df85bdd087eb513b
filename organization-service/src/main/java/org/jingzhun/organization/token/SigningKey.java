package org.jingzhun.organization.token;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The token signing key: an RSA key generated on first use and kept in the service's database
 * ({@code token_signing_key}), so tokens stay valid across restarts and every instance of the service
 * signs with the same key. The first instance to insert wins; the others read its key.
 */
class SigningKey implements JWKSource<SecurityContext> {

    private static final String SLOT = "current";

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile JWKSet keys;

    SigningKey(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return selector.select(keys());
    }

    private JWKSet keys() throws KeySourceException {
        JWKSet loaded = keys;
        if (loaded == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = new JWKSet(loadOrCreate());
                }
                loaded = keys;
            }
        }
        return loaded;
    }

    private RSAKey loadOrCreate() throws KeySourceException {
        try {
            String generated = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
                    .keyID(UUID.randomUUID().toString()).generate().toJSONString();
            jdbc.sql("INSERT INTO token_signing_key (slot, jwk, created_at) VALUES (:slot, :jwk, :at) ON CONFLICT DO NOTHING")
                    .param("slot", SLOT).param("jwk", generated).param("at", Timestamp.from(clock.instant())).update();
            String stored = jdbc.sql("SELECT jwk FROM token_signing_key WHERE slot = :slot")
                    .param("slot", SLOT).query(String.class).single();
            return RSAKey.parse(stored);
        } catch (com.nimbusds.jose.JOSEException | ParseException e) {
            throw new KeySourceException("Cannot load or create the token signing key", e);
        }
    }
}
