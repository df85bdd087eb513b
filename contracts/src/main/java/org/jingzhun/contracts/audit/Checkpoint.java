package org.jingzhun.contracts.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A signed checkpoint of the audit trail: the RFC 6962 Merkle root over the hashes of the trail's hashed
 * events with position at most {@code position}, in position order (leaf data: the event's {@code hash}
 * as 64 ASCII characters). The signature is Ed25519 over {@link #signedText()}; the public key is an X.509
 * SubjectPublicKeyInfo, base64 ({@code GET /api/audit/key}).
 *
 * @param position  the audit trail position of the last event it covers (0 when none)
 * @param events    how many leaves: hashed events up to {@code position}
 * @param root      the Merkle root, lowercase hex
 * @param signature base64 Ed25519 signature of {@link #signedText()}
 * @param at        when it was made
 */
public record Checkpoint(long position, long events, String root, String signature, Instant at) {

    /** The signature algorithm (JDK name). */
    public static final String ALGORITHM = "Ed25519";

    /** What is signed: {@code jingzhun.checkpoint.v1}, position, events, root and time, one per line. */
    public String signedText() {
        return signedText(position, events, root, at);
    }

    static String signedText(long position, long events, String root, Instant at) {
        return "jingzhun.checkpoint.v1\n" + position + "\n" + events + "\n" + root + "\n" + at + "\n";
    }

    /** A checkpoint over the given event hashes (in position order), signed with {@code key}. */
    public static Checkpoint sign(long position, List<String> eventHashes, Instant at, PrivateKey key) {
        return sign(position, eventHashes.size(), root(eventHashes), at, key);
    }

    /** A checkpoint of {@code events} leaves whose Merkle root is already known, signed with {@code key}. */
    public static Checkpoint sign(long position, long events, byte[] merkleRoot, Instant at, PrivateKey key) {
        String root = HexFormat.of().formatHex(merkleRoot);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(signedText(position, events, root, at).getBytes(StandardCharsets.UTF_8));
            return new Checkpoint(position, events, root, Base64.getEncoder().encodeToString(signer.sign()), at);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a checkpoint with " + ALGORITHM, e);
        }
    }

    /** The Merkle root over event hashes, in order. */
    public static byte[] root(List<String> eventHashes) {
        return MerkleTree.root(eventHashes.stream().map(Checkpoint::leafHash).toList());
    }

    /** The leaf hash of an event hash. */
    public static byte[] leafHash(String eventHash) {
        return MerkleTree.leafHash(eventHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the signature is valid under {@code publicKey}. */
    public boolean signatureValid(PublicKey publicKey) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(signedText().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A public key from its base64 X.509 SubjectPublicKeyInfo. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a base64 " + ALGORITHM + " public key: " + e.getMessage(), e);
        }
    }
}
