package org.jingzhun.reporting.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.jingzhun.contracts.audit.Checkpoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The Ed25519 key that signs checkpoints: made once, kept in {@code audit_signing_key}. */
@Component
class SigningKey {

    private final JdbcClient jdbc;
    private volatile PrivateKey privateKey;
    private volatile String publicKey;

    SigningKey(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The public half, base64 X.509 SubjectPublicKeyInfo. */
    String publicKey() {
        load();
        return publicKey;
    }

    PrivateKey privateKey() {
        load();
        return privateKey;
    }

    private synchronized void load() {
        if (privateKey != null) {
            return;
        }
        try {
            KeyPair fresh = KeyPairGenerator.getInstance(Checkpoint.ALGORITHM).generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            // Two instances starting at once: the first insert wins and both read it back.
            jdbc.sql("""
                            INSERT INTO audit_signing_key (id, algorithm, public_key, private_key)
                            VALUES (1, :algorithm, :public, :private) ON CONFLICT (id) DO NOTHING""")
                    .param("algorithm", Checkpoint.ALGORITHM)
                    .param("public", base64.encodeToString(fresh.getPublic().getEncoded()))
                    .param("private", base64.encodeToString(fresh.getPrivate().getEncoded()))
                    .update();
            var row = jdbc.sql("SELECT public_key, private_key FROM audit_signing_key WHERE id = 1").query().singleRow();
            privateKey = KeyFactory.getInstance(Checkpoint.ALGORITHM).generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode((String) row.get("private_key"))));
            publicKey = (String) row.get("public_key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot make or read the " + Checkpoint.ALGORITHM + " signing key", e);
        }
    }
}
